package io.jenkins.plugins.kubesteps;

import hudson.init.Terminator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of this controller that follow a Job right now. When Jenkins shuts down they stop
 * following (the Jobs keep running) before their Pipelines are saved for the last time; a
 * resumed step then continues each log after the last line it printed.
 */
final class RunningExecutions {
    private static final Set<RunK8sJobExecution> RUNNING = ConcurrentHashMap.newKeySet();

    private RunningExecutions() {}

    static void add(RunK8sJobExecution execution) {
        RUNNING.add(execution);
    }

    static void remove(RunK8sJobExecution execution) {
        RUNNING.remove(execution);
    }

    /** Also done by each execution when its program is saved during shutdown, whichever comes first. */
    @Terminator
    public static void detachAll() {
        RUNNING.forEach(RunK8sJobExecution::detach);
    }
}
