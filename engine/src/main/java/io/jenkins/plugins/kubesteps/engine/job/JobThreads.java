package io.jenkins.plugins.kubesteps.engine.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads shared by every followed Job, so a running Job costs no thread of its own: one timer
 * thread for timeouts and fail-fast grace periods, and a small elastic pool for the few blocking
 * calls made when a run ends (delete the Job, read a ConfigMap).
 */
final class JobThreads {
    /** Timer callbacks must only hand work to {@link #WORK}: one slow callback would delay every Job's timers. */
    static final ScheduledThreadPoolExecutor TIMERS = timers();

    static final ExecutorService WORK = Executors.newCachedThreadPool(daemon("kubesteps-job-end"));

    private JobThreads() {}

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("kubesteps-job-timer"));
        // two-hour timeouts of finished runs would otherwise stay queued until they expire
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
