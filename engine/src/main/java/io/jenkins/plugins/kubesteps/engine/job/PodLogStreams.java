package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the container logs of one Job share: the HTTP client, the engine's log handler threads
 * ({@link JobThreads#LOGS}, shared with every other Job), timers, warnings, and whether the Job
 * finished or the logs were closed.
 */
final class PodLogStreams {
    private final HttpClient http;
    private final String podsUrl;
    private final Consumer<String> warnings;
    private final Runnable onChange;
    /** The shared handler pool, closed for this Job's streams once {@link #close()} ran. */
    private final Executor handlers = this::handle;

    private volatile boolean draining;
    private volatile boolean closed;

    PodLogStreams(KubernetesClient client, String namespace, Consumer<String> warnings, Runnable onChange) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.podsUrl =
                (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + encode(namespace) + "/pods/";
        this.warnings = warnings;
        this.onChange = onChange;
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

    /** Runs {@code task} on the handler pool after a delay, on the engine's timer. */
    void later(long delay, TimeUnit unit, Runnable task) {
        JobThreads.TIMERS.schedule(() -> execute(task), delay, unit);
    }

    /** Runs {@code task} on the handler pool; nothing happens once closed. */
    void execute(Runnable task) {
        try {
            handlers.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the task has nothing left to do
        }
    }

    private void handle(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the logs of this Job are closed");
        }
        JobThreads.LOGS.execute(task);
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
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
