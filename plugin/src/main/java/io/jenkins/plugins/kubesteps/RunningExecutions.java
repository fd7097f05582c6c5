package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import hudson.init.Terminator;
import hudson.model.listeners.ItemListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.Jenkins;

/**
 * The steps of this controller that follow work on a cluster right now. When Jenkins shuts down
 * they stop following (the Jobs and rollouts go on) before their Pipelines are saved for the last
 * time; a resumed step then continues each log after the last line it printed.
 *
 * <p>Pipeline saves its programs in a {@link Terminator} of its own, and terminators without a
 * required milestone run in no fixed order; {@link Jenkins#isTerminating()} only turns true after
 * all of them. Items hear {@link ItemListener#onBeforeShutdown()} before any terminator runs, so
 * that is where following stops.
 */
public final class RunningExecutions {
    private static final Set<ClusterStepExecution<?>> RUNNING = ConcurrentHashMap.newKeySet();
    /** The controller that is shutting down; a new one in the same JVM (tests restart) is not. */
    private static volatile Jenkins shuttingDown;

    private RunningExecutions() {}

    static void add(ClusterStepExecution<?> execution) {
        RUNNING.add(execution);
    }

    static void remove(ClusterStepExecution<?> execution) {
        RUNNING.remove(execution);
    }

    /** Whether {@code jenkins} is shutting down: from before its programs are saved for the last time. */
    static boolean isShuttingDown(Jenkins jenkins) {
        return jenkins != null && (jenkins == shuttingDown || jenkins.isTerminating());
    }

    /** Also done by each execution when its program is saved during shutdown, whichever comes first. */
    @Terminator
    public static void detachAll() {
        RUNNING.forEach(ClusterStepExecution::detach);
    }

    @Extension
    public static final class BeforeShutdown extends ItemListener {
        @Override
        public void onBeforeShutdown() {
            shuttingDown = Jenkins.getInstanceOrNull();
            detachAll();
        }
    }
}
