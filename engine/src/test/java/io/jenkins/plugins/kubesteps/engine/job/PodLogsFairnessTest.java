package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
        eventually("every chatty Job prints", () -> printed.stream().allMatch(c -> c.get() > 50));
        StreamingLogServer.FakeLog quietLog = server.log("quiet", "main").start();
        RecordingConsole quiet = new RecordingConsole();
        follow("quiet", quiet);

        long before = System.nanoTime();
        quietLog.add("hello from the quiet Job");
        eventually("the quiet Job's line", () -> quiet.lines().contains("[quiet/main] hello from the quiet Job"));
        Duration waited = Duration.ofNanos(System.nanoTime() - before);

        assertThat(waited).as("time the quiet Job's line took").isLessThan(Duration.ofSeconds(2));
        assertThat(printed).as("the chatty Jobs were still printing").allMatch(c -> c.get() < 20_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
