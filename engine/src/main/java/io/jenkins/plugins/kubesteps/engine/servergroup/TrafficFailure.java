package io.jenkins.plugins.kubesteps.engine.servergroup;

import java.io.Serializable;

/**
 * Why a disable or enable did not succeed.
 *
 * @param reason a word to branch on: TimedOut, Cancelled, Deleted, Forbidden, Unauthorized,
 *     Unreachable, ServerError, Error
 */
public record TrafficFailure(String reason, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A problem of the connection or the account (CLI exit code 3). */
    public boolean clusterProblem() {
        return switch (reason) {
            case "Forbidden", "Unauthorized", "Unreachable", "ServerError" -> true;
            default -> false;
        };
    }
}
