package io.jenkins.plugins.kubesteps.engine.job;

/** How a Job run ended, as the step and the CLI report it. */
public enum JobStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED
}
