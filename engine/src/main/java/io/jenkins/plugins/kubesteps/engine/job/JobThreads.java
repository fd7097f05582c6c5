package io.jenkins.plugins.kubesteps.engine.job;

import io.jenkins.plugins.kubesteps.engine.Threads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

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
    static final ScheduledThreadPoolExecutor TIMERS = Threads.timer("kubesteps-job-timer");

    static final ExecutorService LOGS = Threads.fixed("kubesteps-logs", LOG_THREADS);

    static final ExecutorService WORK = Threads.fixed("kubesteps-job-work", WORK_THREADS);

    private JobThreads() {}
}
