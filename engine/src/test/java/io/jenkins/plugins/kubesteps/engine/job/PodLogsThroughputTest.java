package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A container that prints 10 MiB at once: every line arrives once and in order, and a console that
 * stops reading holds the stream back instead of filling memory.
 *
 * <p>Also the throughput benchmark: {@code -Dkubesteps.bench.runs=5} prints how long each run of
 * the 10 MiB log took; {@code -Dkubesteps.bench.chunk=0} makes the server flush every line on its
 * own (the worst case for per-chunk costs), {@code -Dkubesteps.bench.streamLogs=false} leaves the
 * console out, {@code -Dkubesteps.bench.raw=true} first reads the log with the bare HTTP client
 * (the floor), {@code -Dkubesteps.bench.http=jdk} uses the JDK HTTP stack (the Jenkins plugin's)
 * instead of the default one.
 */
class PodLogsThroughputTest {
    /** 104858 lines of 100 bytes (99 characters and the newline): 10 MiB, as bench/run-vs-kubectl.sh. */
    private static final int LINES = 104_858;

    private static final Instant START = Instant.parse("2026-11-22T02:00:00Z");

    private StreamingLogServer server;
    private KubernetesClient client;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private PodLogs logs;

    @BeforeEach
    void startServer() throws Exception {
        server = new StreamingLogServer();
        client = server.client();
        if ("jdk".equals(System.getProperty("kubesteps.bench.http"))) {
            // the HTTP stack the Jenkins plugin uses
            String url = client.getMasterUrl().toString();
            client.close();
            client = ClientFactory.client(
                    new ClusterConnection(url, null, false, NAMESPACE, new ClusterCredentials.None()),
                    new JdkHttpClientFactory());
        }
    }

    @AfterEach
    void stop() {
        if (logs != null) {
            logs.close();
        }
        client.close();
        server.close();
    }

    /** Line {@code i} (from 0): its number in nine digits, then zeros up to 99 characters. */
    private static StreamingLogServer.FakeLog addLines(StreamingLogServer.FakeLog log, int count) {
        String zeros = "0".repeat(90);
        for (int i = 0; i < count; i++) {
            // a burst: about 1000 lines per millisecond, some sharing a timestamp
            log.add(
                    START.plusNanos(i / 3 * 3000L),
                    (String.format("%09d", i) + zeros).getBytes(StandardCharsets.US_ASCII));
        }
        return log;
    }

    @Test
    void tenMebibytesPrintedAtOnceArriveOnceAndInOrder() throws Exception {
        int runs = Integer.getInteger("kubesteps.bench.runs", 1);
        boolean streamLogs = Boolean.parseBoolean(System.getProperty("kubesteps.bench.streamLogs", "true"));
        int chunk = Integer.getInteger("kubesteps.bench.chunk", 32 * 1024);
        StreamingLogServer.FakeLog log = server.log("job-a", "main").start().writeInChunksOf(chunk);
        addLines(log, LINES).terminate();

        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < runs && Boolean.getBoolean("kubesteps.bench.raw"); run++) {
            readRaw();
        }
        for (int run = 0; run < runs; run++) {
            CheckingConsole console = new CheckingConsole("[job-a/main] ");
            long start = System.nanoTime();
            logs = new PodLogs(
                    client,
                    NAMESPACE,
                    JobRequest.builder()
                            .manifest("kind: Job", "test")
                            .streamLogs(streamLogs)
                            .build(),
                    console,
                    warnings::add,
                    Map.of(),
                    Map.of());
            logs.onPod(pod("job-a").container("main", "terminated").build());
            logs.drain(Duration.ofSeconds(60)).get(60, TimeUnit.SECONDS);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

            if (streamLogs) {
                assertThat(console.wrong).as("lines out of order or changed").isEmpty();
                assertThat(console.next).as("lines printed").isEqualTo(LINES);
            }
            String last = StreamingLogServer.timestamp(START.plusNanos((LINES - 1) / 3 * 3000L));
            assertThat(logs.positions().get("job-a/main"))
                    .isEqualTo(new JobHandle.LogPosition(last, (LINES - 1) % 3 + 1, true));
            assertThat(warnings).isEmpty();
            logs.close();
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(
                "[bench] %s: 10 MiB (%d lines), chunks of %s, streamLogs=%s: %s ms (median %d ms)%n",
                client.getHttpClient().getClass().getSimpleName(),
                LINES,
                chunk == 0 ? "one line" : chunk + " bytes",
                streamLogs,
                millis,
                sorted.get(sorted.size() / 2));
    }

    @Test
    void aConsoleThatStopsHoldsTheStreamBackInsteadOfFillingMemory() throws Exception {
        // 26 MiB with timestamps: far more than the socket buffers of both ends hold (4 MiB here)
        int lines = 2 * LINES;
        StreamingLogServer.FakeLog log =
                addLines(server.log("job-a", "main").start().writeInChunksOf(32 * 1024), lines);
        CountDownLatch resume = new CountDownLatch(1);
        CheckingConsole console = new CheckingConsole("[job-a/main] ") {
            @Override
            public void line(String text) {
                if (next == 1000) {
                    await(resume);
                }
                super.line(text);
            }
        };
        logs = new PodLogs(
                client,
                NAMESPACE,
                JobRequest.builder().manifest("kind: Job", "test").build(),
                console,
                warnings::add,
                Map.of(),
                Map.of());
        logs.onPod(pod("job-a").container("main", "running").build());

        long sent;
        long before = -1;
        do {
            sent = before;
            Thread.sleep(500);
            before = log.bytesSent();
        } while (before != sent);
        System.out.printf("[bench] a stuck console: the server could send %d of %d bytes%n", sent, lines * 128L);
        assertThat(console.next).isEqualTo(1000);
        assertThat(sent)
                .as("bytes the server could send while the console was stuck")
                .isLessThan(8L << 20);

        resume.countDown();
        log.terminate();
        logs.onPod(pod("job-a").container("main", "terminated").build());
        eventually("the rest is printed", () -> console.next == lines);
        logs.drain(Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
        assertThat(console.wrong).isEmpty();
    }

    /** The floor: the same request consumed by the HTTP client alone, each chunk only counted. */
    private void readRaw() throws Exception {
        long start = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        AtomicLong chunks = new AtomicLong();
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl() + "api/v1/namespaces/" + NAMESPACE + "/pods/job-a/log?container=main")
                .build();
        HttpResponse<AsyncBody> response = http.consumeBytes(request, (buffers, body) -> {
                    buffers.forEach(b -> bytes.addAndGet(b.remaining()));
                    chunks.incrementAndGet();
                    body.consume();
                })
                .get(60, TimeUnit.SECONDS);
        response.body().consume();
        response.body().done().get(60, TimeUnit.SECONDS);
        System.out.printf(
                "[bench] raw: %d bytes in %d chunks, %d ms%n",
                bytes.get(), chunks.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks that line {@code i} is the {@code i}-th printed, without keeping 10 MiB of text. */
    private static class CheckingConsole implements Console {
        private final String prefix;
        volatile int next;
        final List<String> wrong = new CopyOnWriteArrayList<>();

        CheckingConsole(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void line(String text) {
            int n = next;
            if (wrong.size() < 5
                    && (text.length() != prefix.length() + 99
                            || !text.startsWith(prefix)
                            || Integer.parseInt(text, prefix.length(), prefix.length() + 9, 10) != n)) {
                wrong.add("line " + n + ": " + text);
            }
            next = n + 1;
        }

        @Override
        public void link(String url, String label) {
            wrong.add("link " + label);
        }
    }
}
