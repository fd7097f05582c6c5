package io.jenkins.plugins.kubesteps.engine.kube;

/** How a deploy ended. */
public enum DeployStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED
}
