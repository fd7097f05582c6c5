package io.jenkins.plugins.kubesteps.engine.deploy;

/** How a deploy ended. */
public enum DeployStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED
}
