package io.jenkins.plugins.kubesteps.engine.deploy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads shared by all deploys: a timer for deadlines and a small elastic pool that applies
 * objects and finishes deploys (and server-group operations), so waiting costs no thread per
 * deploy.
 */
public final class DeployThreads {
    public static final ScheduledThreadPoolExecutor TIMERS = timers();
    public static final ExecutorService WORK = Executors.newCachedThreadPool(daemon("kubesteps-deploy"));

    private DeployThreads() {}

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("kubesteps-deploy-timer"));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
