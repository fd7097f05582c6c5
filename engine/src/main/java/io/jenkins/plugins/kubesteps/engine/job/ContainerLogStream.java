package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP connection to a container's log. The body is consumed with the HTTP client's
 * asynchronous API: nothing waits while the container is quiet. Each chunk is handed to {@code
 * executor} (console writes may block, HTTP client threads must not) and the next chunk is asked
 * for only after it was handled, so a slow console slows the stream instead of filling memory.
 * Chunks and the end are handled one after the other, never concurrently.
 */
final class ContainerLogStream {

    /** How a connection ended. */
    record Outcome(boolean endOfStream, int httpCode, Throwable error, boolean cancelled) {
        static Outcome eof() {
            return new Outcome(true, 200, null, false);
        }

        static Outcome http(int code) {
            return new Outcome(false, code, null, false);
        }

        static Outcome failed(Throwable error) {
            return new Outcome(false, 0, error, false);
        }

        static Outcome cancel() {
            return new Outcome(false, 0, null, true);
        }

        String describe() {
            if (httpCode != 0 && httpCode != 200) {
                return "HTTP " + httpCode;
            }
            if (error != null) {
                return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            }
            return "end of stream";
        }
    }

    /** Receives the bytes of the body, on one thread at a time. */
    @FunctionalInterface
    interface Sink {
        void bytes(byte[] data, int offset, int length);
    }

    private final HttpClient http;
    private final String url;
    private final boolean follow;
    private final Executor executor;
    private final Sink sink;
    private final CompletableFuture<Outcome> ended = new CompletableFuture<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile AsyncBody body;

    ContainerLogStream(HttpClient http, String url, boolean follow, Executor executor, Sink sink) {
        this.http = http;
        this.url = url;
        this.follow = follow;
        this.executor = executor;
        this.sink = sink;
    }

    String url() {
        return url;
    }

    /** Sends the request; the future completes once, after the last chunk was handled. */
    CompletableFuture<Outcome> start() {
        HttpRequest.Builder request = http.newHttpRequestBuilder().uri(url);
        if (follow) {
            request.forStreaming();
        }
        CompletableFuture<HttpResponse<AsyncBody>> response;
        try {
            response = http.consumeBytes(request.build(), this::chunk);
        } catch (RuntimeException e) {
            end(Outcome.failed(e));
            return ended;
        }
        response.whenComplete(this::responded);
        return ended;
    }

    /** Stops reading; the outcome is {@code cancelled} unless the stream had already ended. */
    void cancel() {
        cancelled = true;
        AsyncBody b = body;
        if (b != null) {
            b.cancel();
        }
        // queued behind a chunk being handled, so whoever reacts to the end does not race it
        serially(() -> end(Outcome.cancel()));
    }

    private void chunk(List<ByteBuffer> buffers, AsyncBody asyncBody) {
        serially(() -> {
            if (cancelled || ended.isDone()) {
                asyncBody.cancel();
                return;
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    deliver(buffer);
                }
            } catch (RuntimeException e) {
                asyncBody.cancel();
                end(Outcome.failed(e));
                return;
            }
            asyncBody.consume();
        });
    }

    private void deliver(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (buffer.hasArray()) {
            sink.bytes(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
        } else {
            byte[] copy = new byte[length];
            buffer.get(copy);
            sink.bytes(copy, 0, length);
        }
    }

    private void responded(HttpResponse<AsyncBody> response, Throwable error) {
        if (error != null) {
            serially(() -> end(Outcome.failed(error)));
            return;
        }
        AsyncBody b = response.body();
        body = b;
        if (cancelled) {
            b.cancel();
            return;
        }
        if (!HttpResponse.isSuccessful(response.code())) {
            b.cancel();
            serially(() -> end(Outcome.http(response.code())));
            return;
        }
        b.done().whenComplete((v, t) -> serially(() -> end(t == null ? Outcome.eof() : Outcome.failed(t))));
        b.consume();
    }

    private void end(Outcome outcome) {
        ended.complete(cancelled ? Outcome.cancel() : outcome);
    }

    private void serially(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::runTasks);
        } catch (RejectedExecutionException e) {
            // the owner shut down: nobody waits for these chunks any more
            tasks.clear();
            scheduled.set(false);
            cancelled = true;
            AsyncBody b = body;
            if (b != null) {
                b.cancel();
            }
            end(Outcome.cancel());
        }
    }

    private void runTasks() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
