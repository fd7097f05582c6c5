package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line longer than the runtime's record limit is stored as partial (P) records followed by a
 * full (F) one. The kubelet (k8s.io/cri-client pkg/logs) stamps only the start of a line, so the
 * pieces must come back joined, with one timestamp; tailLines counts the file's records, and
 * sinceTime and limitBytes apply per record.
 */
class LogQueryLongLineTest {

    private static final Pattern STAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z ");
    private static final int PIECE = ContainerLog.MAX_RECORD_BYTES;

    @TempDir
    Path dir;

    /** 40,000 bytes: two full pieces and a rest, each piece made of its own letter. */
    private final String longLine = "a".repeat(PIECE) + "b".repeat(PIECE) + "c".repeat(40_000 - 2 * PIECE);

    private ContainerLog log;

    /** Records one second apart: "before" at :00, pieces at :01, :02, :03, "after" at :04. */
    @BeforeEach
    void writeLog() throws Exception {
        log = new ContainerLog(dir.resolve("c/0.log"), ticking(Instant.parse("2024-05-01T10:00:00Z")));
        append("before", false);
        append(longLine.substring(0, PIECE), true);
        append(longLine.substring(PIECE, 2 * PIECE), true);
        append(longLine.substring(2 * PIECE), false);
        append("after", false);
        log.finish();
    }

    @Test
    void aLongLineGetsOneTimestampAtItsStart() throws Exception {
        String out = read("timestamps=true");

        assertThat(out)
                .isEqualTo("2024-05-01T10:00:00Z before\n"
                        + "2024-05-01T10:00:01Z " + longLine + "\n"
                        + "2024-05-01T10:00:04Z after\n");
        assertThat(stamps(out)).isEqualTo(3);
    }

    @Test
    void withoutTimestampsThePiecesAreJoinedIntoTheLine() throws Exception {
        assertThat(read("")).isEqualTo("before\n" + longLine + "\nafter\n");
    }

    @Test
    void tailLinesCountsRecordsLikeTheKubelet() throws Exception {
        // the last four records are the three pieces and "after": the long line arrives whole
        assertThat(read("tailLines=4&timestamps=true"))
                .isEqualTo("2024-05-01T10:00:01Z " + longLine + "\n2024-05-01T10:00:04Z after\n");
        // starting on the last piece, the kubelet treats it as the start of a line and stamps it
        String lastPiece = longLine.substring(2 * PIECE);
        assertThat(read("tailLines=2&timestamps=true"))
                .isEqualTo("2024-05-01T10:00:03Z " + lastPiece + "\n2024-05-01T10:00:04Z after\n");
        assertThat(read("tailLines=2")).isEqualTo(lastPiece + "\nafter\n");
    }

    @Test
    void sinceTimeDropsEarlierPiecesWithoutStampingTheRest() throws Exception {
        // the first piece (:01) is older than since; the rest of its line is not a new line
        String out = read("timestamps=true&sinceTime=2024-05-01T10%3A00%3A02Z");

        assertThat(out).isEqualTo(longLine.substring(PIECE) + "\n2024-05-01T10:00:04Z after\n");
        assertThat(stamps(out)).isEqualTo(1);
        assertThat(read("sinceTime=2024-05-01T10%3A00%3A01Z")).isEqualTo(longLine + "\nafter\n");
    }

    @Test
    void limitBytesCountsTheOneTimestampAndCutsAcrossPieces() throws Exception {
        String prefix = "2024-05-01T10:00:00Z before\n2024-05-01T10:00:01Z ";
        int limit = prefix.length() + PIECE + 100;

        String out = read("timestamps=true&limitBytes=" + limit);

        assertThat(out).isEqualTo(prefix + longLine.substring(0, PIECE + 100));
        assertThat(stamps(out)).isEqualTo(2);
    }

    private void append(String text, boolean partial) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        log.append("stdout", bytes, 0, bytes.length, partial);
    }

    private String read(String query) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogQuery.parse(query, Clock.systemUTC()).stream(log, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int stamps(String text) {
        Matcher matcher = STAMP.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

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
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }
}
