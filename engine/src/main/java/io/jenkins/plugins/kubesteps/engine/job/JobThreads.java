package io.jenkins.plugins.kubesteps.engine.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads, shared by every followed Job, so that a running Job costs no thread of its
 * own and 500 cost as many as one: one timer thread for timeouts, fail-fast grace periods and
 * retries; a few threads that hand log chunks to the consoles ({@link #LOGS}); a few for the
 * blocking calls made when a run starts or ends ({@link #WORK}: read or delete the Job, read a
 * ConfigMap). The pools keep no thread while idle.
 */
final class JobThreads {
    /** Log chunk handlers; a console that blocks holds one of them (see {@link ContainerLogStream}). */
    static final int LOG_THREADS = 4;

    static final int WORK_THREADS = 4;

    /** Timer callbacks must only hand work to a pool: one slow callback would delay every Job's timers. */
    static final ScheduledThreadPoolExecutor TIMERS = timers();

    static final ExecutorService LOGS = pool("kubesteps-logs", LOG_THREADS);

    static final ExecutorService WORK = pool("kubesteps-job-work", WORK_THREADS);

    private JobThreads() {}

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("kubesteps-job-timer"));
        // two-hour timeouts of finished runs would otherwise stay queued until they expire
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static ExecutorService pool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
