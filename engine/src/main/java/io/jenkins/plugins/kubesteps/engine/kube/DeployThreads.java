package io.jenkins.plugins.kubesteps.engine.kube;

import io.jenkins.plugins.kubesteps.engine.Threads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Threads shared by all deploys: a timer for deadlines and a small elastic pool that applies
 * objects and finishes deploys (and server-group operations), so waiting costs no thread per
 * deploy.
 */
public final class DeployThreads {
    public static final ScheduledThreadPoolExecutor TIMERS = Threads.timer("kubesteps-deploy-timer");
    public static final ExecutorService WORK = Executors.newCachedThreadPool(Threads.daemon("kubesteps-deploy"));

    private DeployThreads() {}
}
