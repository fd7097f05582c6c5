package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Broken streams and resumed processes continue where they were: no line twice, none lost. */
class PodLogsResumeTest extends PodLogsFixture {
    private static final Instant SECOND = Instant.parse("2026-11-22T02:00:00Z");

    private PodLogs follow(RecordingConsole to, Map<String, JobHandle.LogPosition> from) {
        return follow(REQUEST, to, from);
    }

    private static Instant at(long millis) {
        return SECOND.plusMillis(millis);
    }

    private void finish(StreamingLogServer.FakeLog log, int restarts) throws Exception {
        log.terminate();
        logs.onPod(pod("job-a").container("main", "terminated", restarts).build());
        logs.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void aCutStreamContinuesWithoutDuplicatesOrGapsWithinOneSecond() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main")
                .start()
                .add(at(100), "one")
                .add(at(100), "two")
                .add(at(100), "three");
        follow(console, Map.of())
                .onPod(pod("job-a").container("main", "running").build());
        eventually("three lines", () -> console.lines().size() == 3);

        log.cut();
        // the reconnect gets the whole second again; the fourth line has the very same timestamp
        log.add(at(100), "four").add(at(700), "five");
        eventually("five lines", () -> console.lines().size() >= 5);
        log.cut();
        log.add(at(1000), "six").add(at(1000), "seven");
        eventually("seven lines", () -> console.lines().size() >= 7);
        log.cutInNextLine();
        log.add(at(1200), "eight, cut in the middle");
        log.add(at(1300), "nine");
        eventually("nine lines", () -> console.lines().size() >= 9);

        finish(log, 0);
        assertThat(console.lines())
                .containsExactly(
                        "[job-a/main] one",
                        "[job-a/main] two",
                        "[job-a/main] three",
                        "[job-a/main] four",
                        "[job-a/main] five",
                        "[job-a/main] six",
                        "[job-a/main] seven",
                        "[job-a/main] eight, cut in the middle",
                        "[job-a/main] nine");
        assertThat(server.requests())
                .as("reconnects ask for the second of the last line")
                .anyMatch(r -> r.endsWith("sinceTime=2026-11-22T02:00:00Z"))
                .anyMatch(r -> r.endsWith("sinceTime=2026-11-22T02:00:01Z"));
        assertThat(logs.positions().get("job-a/main"))
                .isEqualTo(new JobHandle.LogPosition("2026-11-22T02:00:01.3Z", 1, true));
    }

    @Test
    void aStreamCutInsideALongLinePrintsEachPieceOnce() throws Exception {
        String huge = "0123456789".repeat(15 * 1024);
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().add(at(100), "before");
        follow(console, Map.of())
                .onPod(pod("job-a").container("main", "running").build());
        eventually("the first line", () -> console.lines().size() == 1);

        log.cutInNextLine();
        log.add(at(200), huge).add(at(300), "after");
        eventually("the line after", () -> console.lines().contains("[job-a/main] after"));
        finish(log, 0);

        List<String> printed = console.lines();
        assertThat(printed.get(0)).isEqualTo("[job-a/main] before");
        assertThat(printed.get(printed.size() - 1)).isEqualTo("[job-a/main] after");
        StringBuilder joined = new StringBuilder();
        printed.subList(1, printed.size() - 1).forEach(l -> joined.append(l.substring("[job-a/main] ".length())));
        // compared without assertThat(String) so a failure does not print 150 KiB
        assertThat(joined.length()).isEqualTo(huge.length());
        assertThat(joined.toString().equals(huge))
                .as("the pieces make up the line")
                .isTrue();
        assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aNewProcessContinuesFromSavedPositions() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main")
                .start()
                .add(at(100), "one")
                .add(at(400), "two")
                .add(at(400), "three");
        follow(console, Map.of())
                .onPod(pod("job-a").container("main", "running").build());
        eventually("three lines", () -> console.lines().size() == 3);
        Map<String, JobHandle.LogPosition> saved = logs.positions();
        logs.close();
        assertThat(saved).containsEntry("job-a/main", new JobHandle.LogPosition("2026-11-22T02:00:00.4Z", 2, false));

        // lines logged while no process was following, one of them in the same instant as "three"
        log.add(at(400), "four").add(at(900), "five");
        RecordingConsole resumed = new RecordingConsole();
        follow(resumed, saved).onPod(pod("job-a").container("main", "running").build());
        eventually("the new lines", () -> resumed.lines().size() >= 2);
        log.add(at(2000), "six");
        eventually("a line logged after the resume", () -> resumed.lines().size() >= 3);
        finish(log, 0);

        assertThat(resumed.lines()).containsExactly("[job-a/main] four", "[job-a/main] five", "[job-a/main] six");
        assertThat(console.lines()).containsExactly("[job-a/main] one", "[job-a/main] two", "[job-a/main] three");
    }

    @Test
    void aLogReadToItsEndIsNotReadAgainAfterAResume() throws Exception {
        server.log("job-a", "main").start().add(at(100), "one").terminate();
        Map<String, JobHandle.LogPosition> saved =
                Map.of("job-a/main", new JobHandle.LogPosition("2026-11-22T02:00:00.1Z", 1, true));
        follow(console, saved)
                .onPod(pod("job-a").container("main", "terminated").build());
        logs.drain(Duration.ofSeconds(20)).get(5, TimeUnit.SECONDS);
        assertThat(server.requests()).isEmpty();
        assertThat(console.lines()).isEmpty();
        assertThat(logs.positions()).isEqualTo(saved);
    }

    @Test
    void aContainerRestartedInPlaceIsFollowedAgain() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().add("attempt 1");
        follow(console, Map.of())
                .onPod(pod("job-a").container("main", "running").build());
        eventually("the first attempt's line", () -> console.lines().size() == 1);
        log.terminate();
        logs.onPod(pod("job-a").container("main", "terminated").build());
        eventually(
                "the first instance's log is read to its end",
                () -> logs.positions().get("job-a/main").finished());

        log.restart();
        log.add("attempt 2");
        logs.onPod(pod("job-a").container("main", "running", 1).build());
        eventually("the second attempt's line", () -> console.lines().size() == 2);
        finish(log, 1);
        assertThat(console.lines()).containsExactly("[job-a/main] attempt 1", "[job-a/main] attempt 2");
        assertThat(warnings).isEmpty();
    }
}
