package io.jenkins.plugins.kubesteps.engine.job;

import java.io.Serializable;
import java.util.List;

/**
 * Why a Job did not succeed: the reason of its {@code Failed} condition (BackoffLimitExceeded,
 * DeadlineExceeded, PodFailurePolicy), or the engine's own (ImagePullBackOff, Unschedulable,
 * TimedOut, Cancelled), a sentence for people, and the containers that failed.
 */
public record Failure(String reason, String message, List<ContainerFailure> containers) implements Serializable {
    public Failure {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }
}
