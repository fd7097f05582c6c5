package io.jenkins.plugins.kubesteps.engine.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A fake API server for {@code GET /api/v1/namespaces/{ns}/pods/{pod}/log} that behaves like the
 * real one where it matters to log streaming: lines carry Go RFC 3339 nano timestamps (trailing
 * zeros trimmed) with {@code timestamps=true}; {@code sinceTime} has second granularity and is
 * inclusive, so a reconnect gets lines again; {@code follow=true} keeps the chunked response open
 * and writes lines as they are added until the container terminates. Tests can cut open streams,
 * also in the middle of a line. (fabric8's mock server cannot stream a body over time.)
 */
final class StreamingLogServer implements AutoCloseable {
    static final String NAMESPACE = "jobs";
    /** Threads of this server; tests that count the client's threads leave them out. */
    static final String THREAD_PREFIX = "fake-log-server-";

    private static final DateTimeFormatter GO_RFC3339_NANO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, FakeLog> logs = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger openStreams = new AtomicInteger();

    StreamingLogServer() throws IOException {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .withNamespace(NAMESPACE)
                .withRequestRetryBackoffLimit(0)
                .build();
        // the CLI's stack; with the JDK one on the test class path too, fabric8 would pick that
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new VertxHttpClientFactory())
                .build();
    }

    /** The log of a container, created empty and not started (the API answers 400 until then). */
    FakeLog log(String pod, String container) {
        return logs.computeIfAbsent(pod + "/" + container, k -> new FakeLog());
    }

    /** Every log request so far, as {@code pod/container?query}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    int openStreams() {
        return openStreams.get();
    }

    @Override
    public void close() {
        logs.values().forEach(FakeLog::cut);
        server.stop(0);
        threads.shutdownNow();
    }

    /** Formats like Go's RFC3339Nano, which the kubelet uses: trailing zeros of the fraction go. */
    static String timestamp(Instant at) {
        String full = GO_RFC3339_NANO.format(at);
        String fraction = full.substring(20, 29).replaceAll("0+$", "");
        return full.substring(0, 19) + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            // /api/v1/namespaces/{ns}/pods/{pod}/log
            if (path.length != 8 || !"log".equals(path[7]) || !NAMESPACE.equals(path[4])) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String key = path[6] + "/" + query.get("container");
            requests.add(key + "?" + exchange.getRequestURI().getRawQuery());
            FakeLog log = logs.get(key);
            if (log == null || !log.started) {
                byte[] body = ("{\"kind\":\"Status\",\"code\":" + (log == null ? 404 : 400) + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(log == null ? 404 : 400, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            String since = query.get("sinceTime");
            Instant from = since == null ? Instant.MIN : Instant.parse(since).truncatedTo(ChronoUnit.SECONDS);
            exchange.sendResponseHeaders(200, 0);
            openStreams.incrementAndGet();
            try {
                log.serve(exchange.getResponseBody(), from, "true".equals(query.get("follow")));
            } finally {
                openStreams.decrementAndGet();
            }
        } catch (IOException e) {
            // the client went away: nothing to clean up but the exchange
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** One container's log; lines get a timestamp 200 ms after the previous one unless given. */
    static final class FakeLog {
        /** {@code prefix}: the timestamp and its space, formatted when added so serving is fast. */
        private record Line(Instant at, byte[] prefix, byte[] bytes) {}

        private final List<Line> lines = new ArrayList<>();
        private Instant clock = Instant.parse("2026-11-22T02:00:00.000000100Z");
        private volatile boolean started;
        private boolean terminated;
        private int cuts;
        private boolean cutInNextLine;
        private boolean stalled;
        private int chunkBytes;
        private final AtomicLong bytesSent = new AtomicLong();

        synchronized FakeLog start() {
            started = true;
            notifyAll();
            return this;
        }

        synchronized FakeLog add(String... texts) {
            for (String text : texts) {
                clock = clock.plusMillis(200);
                add(clock, text.getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        synchronized FakeLog add(Instant at, byte[] bytes) {
            lines.add(new Line(at, (timestamp(at) + " ").getBytes(StandardCharsets.US_ASCII), bytes));
            clock = at;
            notifyAll();
            return this;
        }

        synchronized FakeLog add(Instant at, String text) {
            return add(at, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Open follow streams send what is left and end, like the kubelet when a container exits. */
        synchronized void terminate() {
            terminated = true;
            notifyAll();
        }

        /** Every response stays open after its last line until cut, even without follow. */
        synchronized FakeLog stall() {
            stalled = true;
            return this;
        }

        /**
         * Lines are written in chunks of up to {@code bytes}, each flushed when full or when the
         * stream has caught up with the log (as the API server copies a followed log through a
         * 32 KiB buffer); by default every line is flushed on its own.
         */
        synchronized FakeLog writeInChunksOf(int bytes) {
            chunkBytes = bytes;
            return this;
        }

        /** Bytes written to the log's responses so far (buffered in sockets or read by the client). */
        long bytesSent() {
            return bytesSent.get();
        }

        /** The container runs again (restarted in place); its new lines follow the old ones. */
        synchronized void restart() {
            terminated = false;
        }

        /** Open streams end now, like a connection the API server or a proxy drops. */
        synchronized void cut() {
            cuts++;
            notifyAll();
        }

        /** The next line an open stream writes is cut after half of its bytes. */
        synchronized void cutInNextLine() {
            cutInNextLine = true;
        }

        private void serve(OutputStream response, Instant from, boolean follow) throws IOException {
            int next = 0;
            int cutsAtStart;
            OutputStream out;
            synchronized (this) {
                cutsAtStart = cuts;
                out = chunkBytes > 0 ? new BufferedOutputStream(response, chunkBytes) : response;
                while (next < lines.size() && lines.get(next).at().isBefore(from)) {
                    next++;
                }
            }
            boolean unflushed = false;
            while (true) {
                Line line;
                boolean cutHere;
                synchronized (this) {
                    if (unflushed && next >= lines.size()) {
                        line = null;
                        cutHere = false;
                    } else {
                        while ((stalled || (follow && !terminated)) && cuts == cutsAtStart && next >= lines.size()) {
                            try {
                                wait(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        if (cuts != cutsAtStart || next >= lines.size()) {
                            break;
                        }
                        line = lines.get(next++);
                        cutHere = cutInNextLine;
                        cutInNextLine = false;
                    }
                }
                if (line == null) {
                    // caught up: what is buffered goes out before waiting for more
                    out.flush();
                    unflushed = false;
                    continue;
                }
                byte[] prefix = line.prefix();
                if (cutHere) {
                    out.write(prefix);
                    out.write(line.bytes(), 0, line.bytes().length / 2);
                    out.flush();
                    return;
                }
                out.write(prefix);
                out.write(line.bytes());
                out.write('\n');
                bytesSent.addAndGet(prefix.length + line.bytes().length + 1L);
                if (chunkBytes > 0) {
                    unflushed = true;
                } else {
                    out.flush();
                }
            }
            out.flush();
        }
    }

    /** Waits up to 10 s for {@code condition}; fails with {@code what} otherwise. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Builds the pod events the informer would deliver. */
    static final class Pods {
        private final String name;
        private final List<Container> init = new ArrayList<>();
        private final List<Container> main = new ArrayList<>();
        private final List<ContainerStatus> initStatuses = new ArrayList<>();
        private final List<ContainerStatus> mainStatuses = new ArrayList<>();

        private Pods(String name) {
            this.name = name;
        }

        static Pods pod(String name) {
            return new Pods(name);
        }

        Pods init(String container, String state) {
            return init(container, state, 0);
        }

        Pods init(String container, String state, int restarts) {
            init.add(new ContainerBuilder().withName(container).build());
            initStatuses.add(status(container, state, restarts));
            return this;
        }

        Pods container(String container, String state) {
            return container(container, state, 0);
        }

        /** @param state {@code waiting}, {@code running}, {@code terminated}, or null for no status yet */
        Pods container(String container, String state, int restarts) {
            main.add(new ContainerBuilder().withName(container).build());
            if (state != null) {
                mainStatuses.add(status(container, state, restarts));
            }
            return this;
        }

        Pod build() {
            return new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(NAMESPACE)
                    .endMetadata()
                    .withNewSpec()
                    .withInitContainers(init)
                    .withContainers(main)
                    .endSpec()
                    .withNewStatus()
                    .withInitContainerStatuses(initStatuses)
                    .withContainerStatuses(mainStatuses)
                    .endStatus()
                    .build();
        }

        private ContainerStatus status(String container, String state, int restarts) {
            ContainerStateBuilder s = new ContainerStateBuilder();
            String started = "2026-11-22T02:00:00Z";
            switch (state) {
                case "waiting" -> s.withNewWaiting()
                        .withReason("ContainerCreating")
                        .endWaiting();
                case "running" -> s.withNewRunning().withStartedAt(started).endRunning();
                case "terminated" -> s.withNewTerminated()
                        .withExitCode(0)
                        .withStartedAt(started)
                        .endTerminated();
                default -> throw new IllegalArgumentException(state);
            }
            return new ContainerStatusBuilder()
                    .withName(container)
                    .withState(s.build())
                    .withRestartCount(restarts)
                    .withContainerID(
                            "waiting".equals(state) ? null : "containerd://" + name + "-" + container + "-" + restarts)
                    .build();
        }
    }
}
