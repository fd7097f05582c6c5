package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.jenkins.plugins.kubesteps.engine.logs.LineDecoder;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the log of one container of one pod over its whole life: starts a stream once the
 * container has started, reconnects from the last position when a stream breaks while the
 * container still runs, and knows when the log was read to its end.
 *
 * <p>A container restarted in place (restart policy {@code OnFailure}) is one log to us: its
 * instance (container ID) changes, the stream of the old instance ends, and a new stream
 * continues after the last line read, which the new instance's lines all follow. If a stream
 * broke just before the old instance ended, the rest of the old instance's log is not re-read:
 * the API then serves only the new instance.
 *
 * <p>Status updates come from informer threads and stream ends from stream threads: every state
 * change is under this object's lock.
 */
final class ContainerLog {
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 10_000;

    enum State {
        /** Not started yet (the container has not started, or nothing was read in this process). */
        IDLE,
        STREAMING,
        /** A stream broke while the container runs; a new one starts after a pause. */
        RETRYING,
        /** After the Job finished, a stalled stream is being replaced by one plain read. */
        REREADING,
        /** Read to its end. */
        FINISHED,
        /** The log cannot be read any more (pod deleted, or given up on). */
        GONE
    }

    private final PodLogStreams streams;
    private final String pod;
    private final String container;
    private final ContainerLogLines lines;

    // volatile: read without the lock when deciding whether a drain is complete
    private volatile State state = State.IDLE;
    private String latestInstance;
    private boolean latestTerminated;
    private Instant latestStartedAt;
    private String streamedInstance;
    private String finishedInstance;
    private ContainerLogStream stream;
    private CompletableFuture<Void> streamDone = CompletableFuture.completedFuture(null);
    private int generation;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private boolean warnedFailure;
    /** Whether the current or last connection follows the log (false: one plain read). */
    private boolean following;

    private final AtomicLong bytesRead = new AtomicLong();

    ContainerLog(PodLogStreams streams, String pod, String container, ContainerLogLines lines) {
        this.streams = streams;
        this.pod = pod;
        this.container = container;
        this.lines = lines;
    }

    String key() {
        return pod + "/" + container;
    }

    ContainerLogLines lines() {
        return lines;
    }

    State state() {
        return state;
    }

    /** Nothing more will arrive unless the container starts again. */
    boolean settled() {
        return state == State.IDLE || state == State.FINISHED || state == State.GONE;
    }

    /** The latest status of the container, from a pod add/update event. */
    synchronized void update(ContainerStatus status) {
        ContainerState s = status.getState();
        boolean running = s != null && s.getRunning() != null;
        boolean terminated = s != null && s.getTerminated() != null;
        if (!running && !terminated) {
            return;
        }
        latestInstance = instanceOf(status);
        latestTerminated = terminated;
        latestStartedAt = PodLogTimestamp.parseInstant(
                running ? s.getRunning().getStartedAt() : s.getTerminated().getStartedAt());
        switch (state) {
            case IDLE -> {
                if (lines.finished() && latestTerminated && !startedAfterLastLine()) {
                    // resumed after this instance's log was read to its end
                    finishedInstance = latestInstance;
                    state = State.FINISHED;
                    streams.changed();
                } else {
                    connect(true);
                }
            }
            case RETRYING -> {
                if (latestTerminated || !latestInstance.equals(streamedInstance)) {
                    // no need to wait: the rest of the log is there to be read now
                    connect(true);
                }
            }
            case FINISHED -> {
                if (!latestInstance.equals(finishedInstance)) {
                    connect(true);
                }
            }
            case STREAMING, REREADING, GONE -> {
                // a stream is open or about to be, or there is nothing left to read
            }
        }
    }

    /** Bytes received from the log's streams in this process; tells a stream that delivers apart. */
    long bytesRead() {
        return bytesRead.get();
    }

    /**
     * After the Job finished, the log delivered nothing for a while and has not ended. A followed
     * stream (or one waiting to reconnect) is then replaced by one plain (not followed) read of
     * what the log holds after the position: a follow that outlives its container is known to hang
     * now and then. When that plain read stalls too, the log is given up on.
     *
     * @return true when a plain read was started, false when the log was given up on or was done
     */
    synchronized boolean stalled() {
        if (settled()) {
            return false;
        }
        if (state == State.STREAMING && !following) {
            close();
            streams.warn("The rest of the log of " + key() + " could not be read (the read stalled); lines after "
                    + describePosition() + " are missing.");
            streams.changed();
            return false;
        }
        int expected = ++generation;
        state = State.REREADING;
        if (stream != null) {
            stream.cancel();
        }
        // the old stream's last chunk must be handled before the new connection starts
        streamDone.whenComplete((v, t) -> {
            synchronized (this) {
                if (expected == generation && !streams.closed()) {
                    connect(false);
                }
            }
        });
        return true;
    }

    /** Stops reading; once this returns, no further line of this log is printed or counted. */
    synchronized void close() {
        generation++;
        if (stream != null) {
            stream.cancel();
        }
        if (!settled()) {
            state = State.GONE;
        }
        lines.close();
    }

    private boolean startedAfterLastLine() {
        Instant last = lines.lastInstant();
        return latestStartedAt != null && last != null && latestStartedAt.isAfter(last);
    }

    private void connect(boolean follow) {
        int expected = ++generation;
        streamedInstance = latestInstance;
        state = State.STREAMING;
        following = follow;
        lines.beginConnection();
        long seenBefore = lines.linesSeen();
        LineDecoder decoder = new LineDecoder(lines::piece);
        ContainerLogStream s = streams.open(pod, container, lines.sinceTime(), follow, (data, offset, length) -> {
            bytesRead.addAndGet(length);
            decoder.accept(data, offset, length);
        });
        stream = s;
        streamDone = s.start().thenAccept(outcome -> ended(expected, follow, seenBefore, decoder, outcome));
    }

    private synchronized void ended(
            int expected, boolean follow, long seenBefore, LineDecoder decoder, ContainerLogStream.Outcome outcome) {
        if (expected != generation || outcome.cancelled() || streams.closed()) {
            lines.endConnection(false);
            return;
        }
        stream = null;
        if (lines.linesSeen() > seenBefore) {
            retryMillis = FIRST_RETRY_MILLIS;
        }
        boolean instanceEnded = latestTerminated || !latestInstance.equals(streamedInstance);
        if (outcome.endOfStream() && (instanceEnded || streams.draining() || !follow)) {
            // an end of stream after the Job finished is the end of the log
            decoder.finish();
            lines.endConnection(true);
            finishedInstance = streamedInstance;
            state = State.FINISHED;
            if (!latestInstance.equals(finishedInstance)) {
                connect(true);
            }
        } else if (outcome.httpCode() == 404) {
            lines.endConnection(false);
            state = State.GONE;
            streams.warn("The log of " + key() + " is gone (" + outcome.describe() + "); lines after "
                    + describePosition() + " were not read.");
        } else if (!follow) {
            lines.endConnection(false);
            state = State.GONE;
            streams.warn("Could not read the rest of the log of " + key() + " (" + outcome.describe() + ").");
        } else {
            lines.endConnection(false);
            // once per container: a flaky connection must not flood the console
            if (!outcome.endOfStream() && !warnedFailure) {
                warnedFailure = true;
                streams.warn("The log stream of " + key() + " failed (" + outcome.describe() + "); retrying.");
            }
            retryLater();
        }
        streams.changed();
    }

    private void retryLater() {
        state = State.RETRYING;
        int expected = ++generation;
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        streams.later(delay, TimeUnit.MILLISECONDS, () -> {
            synchronized (this) {
                if (expected == generation && state == State.RETRYING && !streams.closed()) {
                    connect(true);
                }
            }
        });
    }

    private String describePosition() {
        JobHandle.LogPosition p = lines.position();
        return p == null || p.lastTimestamp() == null ? "the start" : p.lastTimestamp();
    }

    private static String instanceOf(ContainerStatus status) {
        String id = status.getContainerID();
        if (id != null && !id.isEmpty()) {
            return id;
        }
        Integer restarts = status.getRestartCount();
        return "restart-" + (restarts == null ? 0 : restarts);
    }
}
