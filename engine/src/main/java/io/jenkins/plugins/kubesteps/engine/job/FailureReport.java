package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

/** Which containers of a Job's pods failed and how, for the result and for people reading the console. */
final class FailureReport {
    /** A Job that retried many times would bury the console; the latest pods tell the story. */
    static final int MAX_PODS = 10;

    /** Waiting reasons that are part of every container's normal start. */
    private static final List<String> ORDINARY_WAITING = List.of("ContainerCreating", "PodInitializing");

    private FailureReport() {}

    /**
     * @param lastLines last log lines of {@code (pod, container)}
     */
    static List<ContainerFailure> containers(Collection<Pod> pods, BiFunction<String, String, List<String>> lastLines) {
        List<Pod> latest = pods.stream().sorted(PodStates.BY_CREATION).toList();
        latest = latest.subList(Math.max(0, latest.size() - MAX_PODS), latest.size());
        List<ContainerFailure> failures = new ArrayList<>();
        for (Pod pod : latest) {
            String podName = PodStates.name(pod);
            for (ContainerStatus container : PodStates.containers(pod)) {
                ContainerFailure failure = failure(podName, container, lastLines);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        return failures;
    }

    private static ContainerFailure failure(
            String pod, ContainerStatus container, BiFunction<String, String, List<String>> lastLines) {
        ContainerState state = container.getState();
        ContainerStateWaiting waiting = state == null ? null : state.getWaiting();
        ContainerStateTerminated terminated = state == null ? null : state.getTerminated();
        if (terminated == null && waiting != null && container.getLastState() != null) {
            // a container restarted by restartPolicy OnFailure: its last run tells why
            terminated = container.getLastState().getTerminated();
        }
        String name = container.getName();
        if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
            return new ContainerFailure(
                    pod,
                    name,
                    terminated.getExitCode(),
                    terminated.getReason(),
                    terminated.getMessage(),
                    lastLines.apply(pod, name));
        }
        if (waiting != null && waiting.getReason() != null && !ORDINARY_WAITING.contains(waiting.getReason())) {
            return new ContainerFailure(
                    pod, name, null, waiting.getReason(), waiting.getMessage(), lastLines.apply(pod, name));
        }
        return null;
    }

    /** The failure as a few readable lines: the headline, then each container with its last lines. */
    static void print(Console console, JobRef job, JobStatus status, Failure failure) {
        console.line(headline(job, status, failure));
        for (ContainerFailure container : failure.containers()) {
            StringBuilder line = new StringBuilder("  pod ")
                    .append(container.pod())
                    .append(", container ")
                    .append(container.container())
                    .append(": ");
            if (container.exitCode() != null) {
                line.append("exit code ").append(container.exitCode());
                if (container.reason() != null) {
                    line.append(" (").append(container.reason()).append(')');
                }
            } else {
                line.append(container.reason());
            }
            console.line(line.toString());
            if (container.message() != null && !container.message().isBlank()) {
                console.line("    message: " + container.message().strip());
            }
            if (!container.lastLines().isEmpty()) {
                console.line("    last " + container.lastLines().size() + " log lines:");
                container.lastLines().forEach(l -> console.line("    | " + l));
            }
        }
    }

    static String headline(JobRef job, JobStatus status, Failure failure) {
        String message = failure.message() == null ? "" : failure.message().strip();
        return switch (status) {
                // the message already reads "timed out after 2m"
            case TIMED_OUT -> "Job " + job + " " + message;
            case CANCELLED -> "Job " + job + " was cancelled: " + message;
            default -> "Job " + job + " failed: "
                    + (failure.reason() == null
                            ? message
                            : failure.reason() + (message.isEmpty() ? "" : " - " + message));
        };
    }
}
