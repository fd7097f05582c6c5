package io.jenkins.plugins.kubesteps.engine.manage;

import java.io.Serializable;

/**
 * Why an operation did not succeed.
 *
 * @param reason a word to branch on: Invalid, Conflict, NotFound, Forbidden, Unauthorized,
 *     Unreachable, ServerError, ProgressDeadlineExceeded, Deleted, TimedOut, Cancelled,
 *     Interrupted, Error
 * @param message what a person reads: the object, what was done, what is still unmet
 */
public record OperationFailure(String reason, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A problem of the connection or the account rather than of the request (CLI exit code 3). */
    public boolean clusterProblem() {
        return switch (reason) {
            case "Forbidden", "Unauthorized", "Unreachable", "ServerError" -> true;
            default -> false;
        };
    }
}
