package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run that stops following in the middle of a fast burst (a Jenkins restart): nothing is printed
 * after close() returns, the saved positions count exactly the lines printed, and a resumed run
 * prints exactly the rest.
 */
class PodLogsDetachTest {
    private static final Instant START = Instant.parse("2026-11-22T02:00:00Z");
    private static final int LINES = 6000;

    private StreamingLogServer server;
    private KubernetesClient client;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<PodLogs> opened = new ArrayList<>();
    private StreamingLogServer.FakeLog log;

    @BeforeEach
    void startServer() throws Exception {
        server = new StreamingLogServer();
        client = server.client();
        // a burst: groups of five lines share a timestamp, and it arrives in big chunks
        log = server.log("job-a", "main").start().writeInChunksOf(32 * 1024);
        for (int i = 0; i < LINES; i++) {
            log.add(START.plusNanos(i / 5 * 1000L), "line-" + i);
        }
    }

    @AfterEach
    void stop() {
        opened.forEach(PodLogs::close);
        client.close();
        server.close();
    }

    private PodLogs follow(Console console, Map<String, JobHandle.LogPosition> from) {
        PodLogs logs = new PodLogs(
                client,
                NAMESPACE,
                JobRequest.builder().manifest("kind: Job", "test").build(),
                console,
                warnings::add,
                from,
                Map.of());
        opened.add(logs);
        logs.onPod(pod("job-a").container("main", "running").build());
        return logs;
    }

    @Test
    void nothingIsPrintedAfterCloseAndAResumedRunPrintsExactlyTheRest() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        SlowConsole console = new SlowConsole(reached, 1000, null);
        PodLogs logs = follow(console, Map.of());
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();

        logs.close();
        int printed = console.lines.size();
        Map<String, JobHandle.LogPosition> saved = logs.positions();
        Thread.sleep(500);
        assertThat(console.lines.size() - printed)
                .as("lines printed after close() returned")
                .isZero();
        assertThat(printed).as("the burst was still being printed").isBetween(1001, LINES - 1);
        assertThat(saved).containsEntry("job-a/main", positionAfter(printed));

        List<String> all = resumeAndFinish(saved, console.lines);
        assertThat(all).isEqualTo(expectedLines());
    }

    @Test
    void positionsTakenWhileALineIsPrintedCountIt() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SlowConsole console = new SlowConsole(reached, 1000, release);
        PodLogs logs = follow(console, Map.of());
        // line 1000 has reached the console, which has not returned yet
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Map<String, JobHandle.LogPosition>> taken = CompletableFuture.supplyAsync(logs::positions);
        Thread.sleep(200);
        release.countDown();
        Map<String, JobHandle.LogPosition> saved = taken.get(10, TimeUnit.SECONDS);
        logs.close();

        JobHandle.LogPosition position = saved.get("job-a/main");
        assertThat(position).isNotNull();
        assertThat(linesCountedBy(position))
                .as("lines the position counts (%s); line-1000 was on the console when it was taken", position)
                .isGreaterThanOrEqualTo(1001);
        // what a resumed run prints after this position follows exactly what was printed before it
        List<String> all = resumeAndFinish(saved, console.lines.subList(0, linesCountedBy(position)));
        assertThat(all).isEqualTo(expectedLines());
    }

    /** A resumed run from {@code saved}: returns what was printed before and after, in order. */
    private List<String> resumeAndFinish(Map<String, JobHandle.LogPosition> saved, List<String> before)
            throws Exception {
        List<String> after = new CopyOnWriteArrayList<>();
        log.terminate();
        PodLogs resumed = follow(
                new SlowConsole(new CountDownLatch(1), -1, null) {
                    @Override
                    public void line(String text) {
                        after.add(text);
                    }
                },
                saved);
        resumed.onPod(pod("job-a").container("main", "terminated").build());
        resumed.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
        assertThat(warnings).isEmpty();
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        return all;
    }

    private static List<String> expectedLines() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            expected.add("[job-a/main] line-" + i);
        }
        return expected;
    }

    /** The position after the first {@code count} lines. */
    private static JobHandle.LogPosition positionAfter(int count) {
        int last = count - 1;
        return new JobHandle.LogPosition(
                StreamingLogServer.timestamp(START.plusNanos(last / 5 * 1000L)), last % 5 + 1, false);
    }

    private static int linesCountedBy(JobHandle.LogPosition position) {
        for (int count = 1; count <= LINES; count++) {
            if (positionAfter(count).equals(position)) {
                return count;
            }
        }
        throw new AssertionError("no prefix of the log ends at " + position);
    }

    /** Takes 1 ms per line once line {@code signalAt} was printed (a busy Jenkins), or waits there. */
    private static class SlowConsole implements Console {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final CountDownLatch reached;
        private final int signalAt;
        private final CountDownLatch release;

        SlowConsole(CountDownLatch reached, int signalAt, CountDownLatch release) {
            this.reached = reached;
            this.signalAt = signalAt;
            this.release = release;
        }

        @Override
        public void line(String text) {
            boolean signal = text.endsWith("] line-" + signalAt);
            if (signal) {
                reached.countDown();
                await(release);
            }
            lines.add(text);
            if (!signal && reached.getCount() == 0) {
                pause();
            }
        }

        @Override
        public void link(String url, String label) {
            lines.add("LINK " + label);
        }

        private static void await(CountDownLatch latch) {
            try {
                if (latch != null) {
                    latch.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
