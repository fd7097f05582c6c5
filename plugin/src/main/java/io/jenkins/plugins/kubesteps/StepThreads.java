package io.jenkins.plugins.kubesteps;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jenkins.util.ContextResettingExecutorService;

/**
 * Where a step does the slow part of starting: reading the workspace file (a remote call on an
 * agent), looking up credentials, building a client and creating the Job (which may first wait
 * for an old Job of the same name to go away). None of that may run on the Pipeline's CPS thread,
 * which every branch of the build shares. Threads exist only while steps are starting.
 */
final class StepThreads {
    private static final ExecutorService STARTS = new ContextResettingExecutorService(Executors.newCachedThreadPool(
            new NamingThreadFactory(new DaemonThreadFactory(), "kubernetes-manifest-steps start")));

    private StepThreads() {}

    static void submit(Runnable work) {
        STARTS.submit(work);
    }
}
