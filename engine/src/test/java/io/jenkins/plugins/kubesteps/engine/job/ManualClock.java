package io.jenkins.plugins.kubesteps.engine.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Time that passes only when the test says so: what is due runs on the test's thread, in order,
 * during {@link #advance}. For the engine's grace periods and stall limits, whose outcome must
 * depend on the order of events, not on how busy the machine is.
 */
final class ManualClock implements FailFast.Timer, LogDrain.Clock {
    private record Scheduled(Instant due, long order, FutureTask<Void> task) {}

    private final List<Scheduled> scheduled = new ArrayList<>();
    private Instant now;
    private long order;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        scheduled.add(new Scheduled(now.plus(delay), order++, future));
        return future;
    }

    @Override
    public void later(Duration delay, Runnable task) {
        schedule(task, delay);
    }

    /** Moves the time on, running each task as its time comes (also those scheduled meanwhile). */
    void advance(Duration by) {
        Instant until;
        synchronized (this) {
            until = now.plus(by);
        }
        while (true) {
            Scheduled next;
            synchronized (this) {
                next = scheduled.stream()
                        .filter(s -> !s.due().isAfter(until))
                        .min(Comparator.comparing(Scheduled::due).thenComparingLong(Scheduled::order))
                        .orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                scheduled.remove(next);
                now = next.due().isAfter(now) ? next.due() : now;
            }
            next.task().run();
        }
    }
}
