package io.jenkins.plugins.kubesteps.engine.connect;

import io.jenkins.plugins.kubesteps.engine.Threads;
import java.util.concurrent.ExecutorService;

/**
 * The threads of every Kubernetes client the engine builds, shared by all of them, so that a
 * controller with many clients (one per account and credential) and 500 followed Jobs runs on as
 * few threads as with one; fabric8 and the JDK HTTP client would otherwise give each client two
 * cached pools that grow with every burst. Nothing may wait on these threads: the engine's
 * listeners hand slow work to its own pools, fabric8 runs informer and watch callbacks one after
 * the other per informer, and the JDK client only delivers bytes and completes futures here.
 */
public final class ClientThreads {
    /** fabric8's task executor: informer and watch callbacks, watch reconnects. */
    public static final int TASK_THREADS = 2;

    /** The JDK HTTP client's executor; its selector is one more thread per client. */
    public static final int HTTP_THREADS = 2;

    static final ExecutorService TASKS = Threads.fixed("kubesteps-client-tasks", TASK_THREADS);

    static final ExecutorService HTTP = Threads.fixed("kubesteps-http", HTTP_THREADS);

    private ClientThreads() {}
}
