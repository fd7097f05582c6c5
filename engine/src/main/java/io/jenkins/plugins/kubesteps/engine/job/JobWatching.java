package io.jenkins.plugins.kubesteps.engine.job;

/** How a {@link JobRunner} watches the Jobs it follows. */
public enum JobWatching {
    /**
     * One watch of the Jobs and one of the pods per namespace, shared by every Job this JVM follows
     * there (a Jenkins controller running many steps): the cost is one list of the namespace's
     * managed Jobs and pods, paid once for all of them.
     */
    SHARED,
    /**
     * Watches of the Job alone, by name (a command line that follows one Job): the first list is that
     * Job and its pods, not every Job the namespace still keeps from earlier runs.
     */
    PER_JOB
}
