package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every followed Job's logs share the engine's few log threads: Jobs that print without pause into
 * slow consoles (more of them than there are threads) do not keep another Job's lines from its
 * console, and each slow console holds back its own stream only.
 */
class PodLogsFairnessTest {
    private static final Instant START = Instant.parse("2026-11-22T02:00:00Z");

    private StreamingLogServer server;
    private KubernetesClient client;
    private final List<PodLogs> followed = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new StreamingLogServer();
        client = server.client();
    }

    @AfterEach
    void stop() {
        followed.forEach(PodLogs::close);
        client.close();
        server.close();
    }

    private PodLogs follow(String pod, Console console) {
        PodLogs logs = new PodLogs(
                client,
                NAMESPACE,
                JobRequest.builder().manifest("kind: Job", "test").build(),
                console,
                w -> {},
                Map.of(),
                Map.of());
        followed.add(logs);
        logs.onPod(pod(pod).container("main", "running").build());
        return logs;
    }

    @Test
    void chattyJobsWithSlowConsolesDoNotStarveAQuietOne() throws Exception {
        int chatty = JobThreads.LOG_THREADS + 2;
        List<AtomicInteger> printed = new ArrayList<>();
        for (int j = 0; j < chatty; j++) {
            StreamingLogServer.FakeLog log =
                    server.log("chatty-" + j, "main").start().writeInChunksOf(32 * 1024);
            for (int i = 0; i < 20_000; i++) {
                log.add(
                        START.plusNanos(i * 1000L),
                        ("line " + i + " " + "x".repeat(90)).getBytes(StandardCharsets.US_ASCII));
            }
            AtomicInteger count = new AtomicInteger();
            printed.add(count);
            // a console that takes a millisecond a line: 20 s for the whole log
            follow("chatty-" + j, new Console() {
                @Override
                public void line(String text) {
                    count.incrementAndGet();
                    sleep(1);
                }

                @Override
                public void link(String url, String label) {}
            });
        }
        eventually("every chatty Job to print", Duration.ofMinutes(5), () -> printed.stream()
                .allMatch(c -> c.get() > 50));
        StreamingLogServer.FakeLog quietLog = server.log("quiet", "main").start();
        // what the chatty Jobs had printed when the quiet Job's line reached its console
        List<Integer> chattyAtQuietLine = new CopyOnWriteArrayList<>();
        RecordingConsole quiet = new RecordingConsole() {
            @Override
            public void line(String text) {
                printed.forEach(c -> chattyAtQuietLine.add(c.get()));
                super.line(text);
            }
        };
        follow("quiet", quiet);

        quietLog.add("hello from the quiet Job");
        // bounded by the chatty Jobs' own end, not by the clock: on busy cores everything is slower
        eventually(
                "the quiet Job's line or a chatty Job's last line",
                Duration.ofMinutes(5),
                () -> !quiet.lines().isEmpty() || printed.stream().anyMatch(c -> c.get() == 20_000));

        // starved, the line would wait for a log thread, that is for a chatty Job to print its last line
        assertThat(chattyAtQuietLine)
                .as("lines each chatty Job had printed when the quiet Job's line came")
                .hasSize(chatty)
                .allMatch(n -> n < 20_000);
    }

    private static void eventually(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("nothing happened for " + limit + " while waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
