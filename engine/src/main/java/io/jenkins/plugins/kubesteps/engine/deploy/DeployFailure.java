package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.io.Serializable;
import java.util.List;

/**
 * Why a deploy did not succeed.
 *
 * @param reason a word to branch on: ProgressDeadlineExceeded, JobFailed, PodFailed, Conflict,
 *     Invalid, Forbidden, Unauthorized, Unreachable, ServerError, TimedOut, Cancelled, Error
 * @param message what a person reads: the object, the unmet condition, the pods' newest warnings
 * @param objects the objects concerned
 */
public record DeployFailure(String reason, String message, List<DeployedObject> objects) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployFailure {
        objects = List.copyOf(objects == null ? List.of() : objects);
    }

    /** A problem of the connection or the account rather than of the manifests (CLI exit code 3). */
    public boolean clusterProblem() {
        return switch (reason) {
            case "Forbidden", "Unauthorized", "Unreachable", "ServerError" -> true;
            default -> false;
        };
    }
}
