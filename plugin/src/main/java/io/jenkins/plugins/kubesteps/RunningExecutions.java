package io.jenkins.plugins.kubesteps;

import hudson.init.Terminator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of this controller that follow work on a cluster right now. When Jenkins shuts down
 * they stop following (the Jobs and rollouts go on) before their Pipelines are saved for the last
 * time; a resumed step then continues each log after the last line it printed.
 */
public final class RunningExecutions {
    private static final Set<ClusterStepExecution<?>> RUNNING = ConcurrentHashMap.newKeySet();

    private RunningExecutions() {}

    static void add(ClusterStepExecution<?> execution) {
        RUNNING.add(execution);
    }

    static void remove(ClusterStepExecution<?> execution) {
        RUNNING.remove(execution);
    }

    /** Also done by each execution when its program is saved during shutdown, whichever comes first. */
    @Terminator
    public static void detachAll() {
        RUNNING.forEach(ClusterStepExecution::detach);
    }
}
