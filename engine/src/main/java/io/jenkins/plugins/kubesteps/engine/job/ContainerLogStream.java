package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.kubesteps.engine.connect.StreamConnections;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP connection to a container's log. The body is consumed with the HTTP client's
 * asynchronous API: nothing waits while the container is quiet. Each chunk is handed to {@code
 * executor} (console writes may block, HTTP client threads must not). The next chunk is asked for
 * right away while less than {@link #MAX_QUEUED_BYTES} wait to be handled, and otherwise only once
 * the handler caught up, so a slow console slows the stream instead of filling memory, and a fast
 * one does not wait for a round trip through the HTTP client's thread after every chunk (chunks
 * are often one line). The handler takes up to {@link #TASKS_PER_TURN} queued chunks in one go. Chunks and the end are
 * handled one after the other, never concurrently; after {@link #cancel} no further buffer of a
 * chunk reaches the sink.
 */
final class ContainerLogStream {
    /** Bytes received but not handled yet, per stream, above which no more are asked for. */
    static final int MAX_QUEUED_BYTES = 256 * 1024;

    /**
     * Chunks (and the end) handled in one go before the stream yields its pool thread, so a chatty
     * container shares the engine's few log threads with the others instead of holding one.
     */
    static final int TASKS_PER_TURN = 16;

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
    private final AtomicLong queuedBytes = new AtomicLong();
    /** The queue was full when a chunk arrived: the handler asks for the next one. */
    private final AtomicBoolean waitingForRoom = new AtomicBoolean();

    private volatile boolean cancelled;
    /** An error answer: its body is read to its end and thrown away, never delivered. */
    private volatile boolean discarding;

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
        StreamConnections.Lease place = StreamConnections.lease(http);
        ended.whenComplete((outcome, problem) -> place.release(outcome == null ? problem : outcome.error()));
        CompletableFuture<HttpResponse<AsyncBody>> response;
        try {
            response = place.http().consumeBytes(request.build(), this::chunk);
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
            stop(b);
        }
        // queued behind a chunk being handled, so whoever reacts to the end does not race it
        serially(() -> end(Outcome.cancel()));
    }

    /** On an HTTP client thread: queues the chunk, and asks for the next one while there is room. */
    private void chunk(List<ByteBuffer> buffers, AsyncBody asyncBody) {
        if (discarding) {
            asyncBody.consume();
            return;
        }
        if (cancelled) {
            stop(asyncBody);
            return;
        }
        long size = 0;
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
        }
        long chunkSize = size;
        // queued before asking for more: the next chunk may arrive before consume() returns
        long queued = queuedBytes.addAndGet(chunkSize);
        serially(() -> handle(buffers, chunkSize, asyncBody));
        if (queued < MAX_QUEUED_BYTES) {
            asyncBody.consume();
        } else {
            waitingForRoom.set(true);
            // the handler may have made room before it could see the flag
            askIfRoom(asyncBody);
        }
    }

    private void handle(List<ByteBuffer> buffers, long size, AsyncBody asyncBody) {
        if (cancelled || ended.isDone()) {
            stop(asyncBody);
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                if (cancelled) {
                    stop(asyncBody);
                    return;
                }
                deliver(buffer);
            }
        } catch (RuntimeException e) {
            stop(asyncBody);
            end(Outcome.failed(e));
            return;
        }
        queuedBytes.addAndGet(-size);
        askIfRoom(asyncBody);
    }

    /** Asks for the next chunk once, if the chunk callback stopped asking and there is room now. */
    private void askIfRoom(AsyncBody asyncBody) {
        if (queuedBytes.get() < MAX_QUEUED_BYTES && waitingForRoom.compareAndSet(true, false)) {
            asyncBody.consume();
        }
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
            stop(b);
            return;
        }
        if (!HttpResponse.isSuccessful(response.code())) {
            // a Status of a few hundred bytes, often received whole already: reading it to its end
            // returns the connection as it is, where cancelling could close it (see stop)
            discarding = true;
            b.consume();
            serially(() -> end(Outcome.http(response.code())));
            return;
        }
        b.done().whenComplete((v, t) -> serially(() -> end(t == null ? Outcome.eof() : Outcome.failed(t))));
        b.consume();
    }

    /**
     * Cancels a body that is still arriving. A body that has arrived whole is left alone: its
     * connection is back in the client's pool and may carry another request by now, and on the
     * Vert.x stack (the CLI's) cancelling resets the request, which closes whatever connection it
     * was on: the other request then fails with "Connection was closed" (a run's cleanup DELETE,
     * sent right after the logs were closed, did).
     */
    private static void stop(AsyncBody b) {
        if (!b.done().isDone()) {
            b.cancel();
        }
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
                stop(b);
            }
            end(Outcome.cancel());
        }
    }

    private void runTasks() {
        try {
            Runnable task;
            int turn = 0;
            while (turn++ < TASKS_PER_TURN && (task = tasks.poll()) != null) {
                task.run();
            }
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            // to the back of the pool's queue: the streams waiting there have their turn first
            schedule();
        }
    }
}
