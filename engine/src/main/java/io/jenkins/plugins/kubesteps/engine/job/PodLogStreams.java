package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What the container logs of one Job share: the HTTP client, a small pool that handles chunks
 * (its threads exist only while chunks are being handled), timers, warnings, and whether the
 * Job finished or the logs were closed.
 */
final class PodLogStreams {
    /** Chunk handling is short; two threads keep one slow console from stalling every stream. */
    private static final int HANDLER_THREADS = 2;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HttpClient http;
    private final String podsUrl;
    private final ThreadPoolExecutor handlers;
    private final Consumer<String> warnings;
    private final Runnable onChange;
    private volatile boolean draining;
    private volatile boolean closed;

    PodLogStreams(KubernetesClient client, String namespace, Consumer<String> warnings, Runnable onChange) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.podsUrl =
                (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + encode(namespace) + "/pods/";
        this.warnings = warnings;
        this.onChange = onChange;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(
                HANDLER_THREADS, HANDLER_THREADS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kubesteps-pod-logs-" + pool + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        handlers.allowCoreThreadTimeOut(true);
    }

    /** A connection to a container's log, with timestamps, from {@code sinceTime} when not null. */
    ContainerLogStream open(
            String pod, String container, String sinceTime, boolean follow, ContainerLogStream.Sink sink) {
        StringBuilder url = new StringBuilder(podsUrl)
                .append(encode(pod))
                .append("/log?container=")
                .append(encode(container))
                .append("&timestamps=true");
        if (follow) {
            url.append("&follow=true");
        }
        if (sinceTime != null) {
            url.append("&sinceTime=").append(sinceTime);
        }
        return new ContainerLogStream(http, url.toString(), follow, handlers, sink);
    }

    /** Runs {@code task} on the handler pool after a delay, without a timer thread of our own. */
    void later(long delay, TimeUnit unit, Runnable task) {
        Executor delayed = CompletableFuture.delayedExecutor(delay, unit, this::execute);
        delayed.execute(task);
    }

    /** Runs {@code task} on the handler pool; nothing happens once closed. */
    void execute(Runnable task) {
        try {
            handlers.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the task has nothing left to do
        }
    }

    void warn(String text) {
        if (!closed) {
            warnings.accept(text);
        }
    }

    /** A container's log changed state (finished, gone, retrying). */
    void changed() {
        onChange.run();
    }

    boolean draining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        handlers.shutdown();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
