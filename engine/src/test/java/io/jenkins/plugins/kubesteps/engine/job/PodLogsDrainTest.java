package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The end of a run: waiting for the last lines, giving up on streams that do not end, closing. */
class PodLogsDrainTest extends PodLogsFixture {
    private static final Duration STALL_LIMIT = PodLogs.STALL_LIMIT;

    private PodLogs follow() {
        return follow(REQUEST, console, Map.of());
    }

    @Test
    void drainCompletesWhenTheLastStreamEnds() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().add("working");
        follow().onPod(pod("job-a").container("main", "running").build());
        eventually("the first line", () -> console.lines().size() == 1);

        CompletableFuture<Void> drained = logs.drain(Duration.ofSeconds(30));
        Thread.sleep(300);
        assertThat(drained).as("the container still writes").isNotDone();
        log.add("done");
        log.terminate();
        // the end of the stream is the end of the log: no pod event is needed once the Job finished
        drained.get(5, TimeUnit.SECONDS);
        assertThat(console.lines()).containsExactly("[job-a/main] working", "[job-a/main] done");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aStreamThatDoesNotEndIsReplacedByOneReadOfWhatIsLeft() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().add("one", "two");
        follow().onPod(pod("job-a").container("main", "running").build());
        eventually("two lines", () -> console.lines().size() == 2);
        logs.onPod(pod("job-a").container("main", "terminated").build());
        log.add("three");
        eventually("three lines", () -> console.lines().size() == 3);
        ManualClock clock = new ManualClock(Instant.now());

        CompletableFuture<Void> drained = logs.drain(clock.now().plus(Duration.ofHours(1)), STALL_LIMIT, clock);
        clock.advance(STALL_LIMIT.minusMillis(1));
        assertThat(drained).as("within the stall limit").isNotDone();
        assertThat(server.requests())
                .as("the stream is not replaced within the stall limit")
                .hasSize(1);
        clock.advance(Duration.ofMillis(1));
        drained.get(10, TimeUnit.SECONDS);

        assertThat(console.lines()).containsExactly("[job-a/main] one", "[job-a/main] two", "[job-a/main] three");
        assertThat(server.requests())
                .last()
                .asString()
                .doesNotContain("follow=true")
                .contains("sinceTime=");
        assertThat(warnings).singleElement().asString().contains("job-a/main").contains("delivered nothing");
        assertThat(logs.positions().get("job-a/main").finished()).isTrue();
        assertThat(logs.incomplete()).isEmpty();
    }

    @Test
    void drainGivesUpWhenEvenTheLastReadHangs() throws Exception {
        server.log("job-a", "main").start().add("one").stall();
        follow().onPod(pod("job-a").container("main", "terminated").build());
        eventually("the line", () -> console.lines().size() == 1);

        logs.drain(Instant.now().plusSeconds(30), Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("job-a/main").contains("could not be read");
        assertThat(logs.positions().get("job-a/main").finished()).isFalse();
        assertThat(logs.incomplete()).containsExactly("job-a/main");
    }

    /** The old drain gave up 30 s after the Job ended, however fast the log still arrived. */
    @Test
    void aStreamThatKeepsDeliveringIsReadToItsEndHoweverLongAfterTheJob() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().add("line 0");
        follow().onPod(pod("job-a").container("main", "terminated").build());
        eventually("the first line", () -> console.lines().size() == 1);
        ManualClock clock = new ManualClock(Instant.now());

        CompletableFuture<Void> drained = logs.drain(clock.now().plus(Duration.ofHours(1)), STALL_LIMIT, clock);
        // ten stall limits' worth of lines, a quarter of one apart: every look finds new bytes
        for (int i = 1; i <= 40; i++) {
            log.add("line " + i);
            int printed = i + 1;
            eventually("line " + i, () -> console.lines().size() == printed);
            clock.advance(STALL_LIMIT.dividedBy(4));
        }
        assertThat(drained).as("still delivering").isNotDone();
        log.terminate();
        drained.get(10, TimeUnit.SECONDS);

        assertThat(console.lines()).hasSize(41).endsWith("[job-a/main] line 40");
        assertThat(warnings).isEmpty();
        assertThat(logs.incomplete()).isEmpty();
        assertThat(server.requests()).as("the stream was never replaced").hasSize(1);
    }

    @Test
    void theRunsTimeoutEndsTheDrainAndTheLogIsIncomplete() throws Exception {
        server.log("job-a", "main").start().add("one");
        follow().onPod(pod("job-a").container("main", "terminated").build());
        eventually("the line", () -> console.lines().size() == 1);

        logs.drain(Instant.now().plusMillis(500), Duration.ofSeconds(20)).get(10, TimeUnit.SECONDS);

        assertThat(warnings).singleElement().asString().contains("job-a/main").contains("timeout");
        assertThat(logs.incomplete()).containsExactly("job-a/main");
    }

    @Test
    void onlyLogsWhoseOutputsCountMakeTheOutputsIncomplete() throws Exception {
        server.log("job-a", "main").start().add("one");
        server.log("job-a", "side").start().add("two");
        follow(REQUEST.toBuilder().container("main").build(), console, Map.of())
                .onPod(pod("job-a")
                        .container("main", "terminated")
                        .container("side", "terminated")
                        .build());
        eventually("both lines", () -> console.lines().size() == 2);

        logs.drain(Instant.now().plusMillis(500), Duration.ofSeconds(20)).get(10, TimeUnit.SECONDS);

        assertThat(logs.incomplete()).containsExactly("job-a/main");
    }

    @Test
    void aDeletedPodEndsItsStreamsWithAWarning() throws Exception {
        follow().onPod(pod("job-gone").container("main", "running").build());
        logs.drain(Duration.ofSeconds(30)).get(10, TimeUnit.SECONDS);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("job-gone/main")
                .contains("gone");
    }

    @Test
    void noThreadWaitsForAQuietStream() throws Exception {
        // the HTTP client's own threads start with the first connection
        server.log("warm-up", "main").start().add("hello").terminate();
        follow().onPod(pod("warm-up").container("main", "terminated").build());
        eventually("the warm-up line", () -> console.lines().size() == 1);
        logs.drain(Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        int before = clientThreads();

        StreamingLogServer.Pods busy = pod("job-a");
        for (int i = 0; i < 20; i++) {
            server.log("job-a", "c" + i).start().add("started " + i);
            busy.container("c" + i, "running");
        }
        logs.onPod(busy.build());
        eventually(
                "20 open streams",
                () -> server.openStreams() == 20 && console.lines().size() == 21);
        Thread.sleep(300);
        assertThat(clientThreads() - before)
                .as("threads added while 20 streams are open and quiet")
                .isLessThan(10);
    }

    @Test
    void closeStopsEveryStreamAndCanBeRepeated() throws Exception {
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().add("one");
        follow().onPod(pod("job-a").container("main", "running").build());
        eventually("the line", () -> console.lines().size() == 1);

        logs.close();
        logs.close();
        log.add("after close");
        logs.onPod(pod("job-a").container("main", "running").build());
        Thread.sleep(500);
        assertThat(console.lines()).containsExactly("[job-a/main] one");
        assertThat(server.requests()).hasSize(1);
        assertThat(logs.drain(Duration.ofSeconds(30))).isDone();
    }

    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith(StreamingLogServer.THREAD_PREFIX))
                .count();
    }
}
