package io.jenkins.plugins.kubesteps.engine.manage;

/** How a lifecycle operation ended. */
public enum OperationStatus {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED
}
