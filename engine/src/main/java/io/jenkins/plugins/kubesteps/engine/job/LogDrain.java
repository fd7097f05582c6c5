package io.jenkins.plugins.kubesteps.engine.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The logs of a finished Job, read to their end. Nothing here cuts a stream that still delivers:
 * a fixed window after the Job's end once lost the second half of a fast ten-million-line log
 * while reporting success. Once per stall limit each unfinished log is looked at; one that received
 * no byte for that long is handed {@link ContainerLog#stalled()} (a plain re-read, then giving up).
 * At the run's deadline whatever is unfinished is given up on, and counts as incomplete.
 */
final class LogDrain {
    /** When the looks happen: the engine's timer, or one a test moves. */
    interface Clock {
        Instant now();

        /** Runs {@code task} once {@code delay} has passed. */
        void later(Duration delay, Runnable task);
    }

    private final Map<String, ContainerLog> logs;
    private final PodLogStreams streams;
    private final Instant deadline;
    private final Duration stallLimit;
    private final BooleanSupplier done;
    private final Runnable checkDrained;
    private final Runnable complete;
    private final Clock clock;

    /**
     * @param done whether the drain is over (complete, or the logs closed)
     * @param checkDrained completes the drain when every log has settled
     * @param complete completes the drain unconditionally
     */
    LogDrain(
            Map<String, ContainerLog> logs,
            PodLogStreams streams,
            Instant deadline,
            Duration stallLimit,
            BooleanSupplier done,
            Runnable checkDrained,
            Runnable complete,
            Clock clock) {
        this.clock = clock;
        this.logs = logs;
        this.streams = streams;
        this.deadline = deadline;
        this.stallLimit = stallLimit;
        this.done = done;
        this.checkDrained = checkDrained;
        this.complete = complete;
    }

    void start() {
        next(bytesByLog(), clock.now());
    }

    /** Checks again once a stall limit has passed since {@code takenAt}, or at the deadline. */
    private void next(Map<String, Long> before, Instant takenAt) {
        Instant due = takenAt.plus(stallLimit);
        Duration delay = Duration.between(clock.now(), due.isBefore(deadline) ? due : deadline);
        clock.later(delay.isNegative() ? Duration.ZERO : delay, () -> check(before, takenAt));
    }

    private void check(Map<String, Long> before, Instant takenAt) {
        if (done.getAsBoolean()) {
            return;
        }
        Instant now = clock.now();
        if (!now.isBefore(deadline)) {
            giveUp();
            return;
        }
        if (now.isBefore(takenAt.plus(stallLimit))) {
            // woken early (timers may be): not a whole stall limit yet
            next(before, takenAt);
            return;
        }
        List<String> replaced = new ArrayList<>();
        logs.forEach((key, log) -> {
            Long earlier = before.get(key);
            // a whole stall limit without a byte; a stream that still delivers is never cut
            if (!log.settled() && earlier != null && earlier == log.bytesRead() && log.stalled()) {
                replaced.add(key);
            }
        });
        if (!replaced.isEmpty()) {
            Collections.sort(replaced);
            streams.warn("The log streams of " + String.join(", ", replaced) + " delivered nothing for "
                    + HumanDuration.format(stallLimit) + " after the Job finished and did not end; reading"
                    + " what is left with a new request.");
        }
        checkDrained.run();
        next(bytesByLog(), now);
    }

    /** The run's deadline passed while logs were still being read: they stay incomplete. */
    private void giveUp() {
        List<String> missing = new ArrayList<>();
        logs.forEach((key, log) -> {
            if (!log.settled()) {
                missing.add(key);
                log.close();
            }
        });
        if (!missing.isEmpty()) {
            Collections.sort(missing);
            streams.warn("The logs of " + String.join(", ", missing) + " were still being read when the run's"
                    + " timeout came; they are incomplete.");
        }
        complete.run();
    }

    private Map<String, Long> bytesByLog() {
        Map<String, Long> bytes = new HashMap<>();
        logs.forEach((key, log) -> bytes.put(key, log.bytesRead()));
        return bytes;
    }
}
