package io.jenkins.plugins.kubesteps.engine.job;

import java.io.Serializable;
import java.util.List;

/**
 * One container that did not end well: its exit code (null when it never ran, e.g. the image
 * could not be pulled), the reason Kubernetes gives (OOMKilled, Error, ImagePullBackOff...), its
 * termination message, and its last log lines (at most 20).
 */
public record ContainerFailure(
        String pod, String container, Integer exitCode, String reason, String message, List<String> lastLines)
        implements Serializable {
    public ContainerFailure {
        lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
    }
}
