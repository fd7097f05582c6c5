package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogQueryTest {

    @TempDir
    Path dir;

    /** A clock that advances one second per reading, so each record has its own second. */
    private static Clock ticking(Instant start) {
        return new Clock() {
            private Instant next = start;

            @Override
            public synchronized Instant instant() {
                Instant now = next;
                next = next.plusSeconds(1);
                return now;
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    private ContainerLog logWith(Clock clock, String... lines) throws Exception {
        ContainerLog log = new ContainerLog(dir.resolve("c/0.log"), clock);
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            log.append("stdout", bytes, 0, bytes.length, false);
        }
        return log;
    }

    private static String read(ContainerLog log, String query) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogQuery.parse(query, Clock.systemUTC()).stream(log, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void filtersLikeTheKubelet() throws Exception {
        Instant start = Instant.parse("2024-05-01T10:00:00.120Z");
        ContainerLog log = logWith(ticking(start), "one", "two", "three", "four");
        log.finish();

        assertThat(read(log, "")).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(read(log, "tailLines=2")).isEqualTo("three\nfour\n");
        assertThat(read(log, "tailLines=0")).isEmpty();
        assertThat(read(log, "sinceTime=2024-05-01T10%3A00%3A02Z")).isEqualTo("three\nfour\n");
        assertThat(read(log, "limitBytes=6")).isEqualTo("one\ntw");
        assertThat(read(log, "timestamps=true&tailLines=1")).isEqualTo("2024-05-01T10:00:03.12Z four\n");
    }

    @Test
    void sinceSecondsCountsBackFromNow() throws Exception {
        Instant now = Instant.now();
        ContainerLog log = logWith(ticking(now.minusSeconds(100)), "old");
        ContainerLog fresh = new ContainerLog(dir.resolve("c/2.log"), Clock.systemUTC());
        fresh.append("stdout", "new".getBytes(StandardCharsets.UTF_8), 0, 3, false);
        log.finish();
        fresh.finish();

        assertThat(read(log, "sinceSeconds=10")).isEmpty();
        assertThat(read(fresh, "sinceSeconds=10")).isEqualTo("new\n");
    }

    @Test
    void partialRecordsAndStreamSelection() throws Exception {
        ContainerLog log = new ContainerLog(dir.resolve("c/0.log"), Clock.systemUTC());
        byte[] part = "no newline".getBytes(StandardCharsets.UTF_8);
        byte[] err = "to stderr".getBytes(StandardCharsets.UTF_8);
        log.append("stderr", err, 0, err.length, false);
        log.append("stdout", part, 0, part.length, true);
        log.finish();

        assertThat(read(log, "")).isEqualTo("to stderr\nno newline");
        assertThat(read(log, "stream=Stdout")).isEqualTo("no newline");
        assertThat(read(log, "stream=Stderr")).isEqualTo("to stderr\n");
        assertThatThrownBy(() -> read(log, "tailLines=-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goTimestampFormatTrimsTrailingZeros() {
        assertThat(Rfc3339.nano(Instant.parse("2024-05-01T10:00:00Z"))).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(Rfc3339.nano(Instant.parse("2024-05-01T10:00:00.000001500Z")))
                .isEqualTo("2024-05-01T10:00:00.0000015Z");
    }
}
