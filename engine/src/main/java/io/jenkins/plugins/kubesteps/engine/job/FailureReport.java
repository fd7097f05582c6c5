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
            boolean deleted = pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null;
            for (ContainerStatus container : PodStates.containers(pod)) {
                ContainerFailure failure = failure(podName, deleted, container, lastLines);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        return failures;
    }

    private static ContainerFailure failure(
            String pod,
            boolean podDeleted,
            ContainerStatus container,
            BiFunction<String, String, List<String>> lastLines) {
        ContainerState state = container.getState();
        ContainerStateWaiting waiting = state == null ? null : state.getWaiting();
        ContainerStateTerminated terminated = state == null ? null : state.getTerminated();
        ContainerStateTerminated previous = container.getLastState() == null
                ? null
                : container.getLastState().getTerminated();
        String reason = terminated == null ? null : terminated.getReason();
        if (failed(previous)
                && (terminated == null ? waiting != null || podDeleted : killedByDeletion(terminated, podDeleted))) {
            // restartPolicy OnFailure: the container is waiting to restart (CrashLoopBackOff), or the
            // Job controller gave up and deleted the pod, killing a run that had not failed yet.
            // The run before tells why the Job failed.
            terminated = previous;
            reason = withRestarts(previous.getReason(), container.getRestartCount());
        }
        String name = container.getName();
        if (failed(terminated)) {
            return new ContainerFailure(
                    pod, name, terminated.getExitCode(), reason, terminated.getMessage(), lastLines.apply(pod, name));
        }
        if (waiting != null && waiting.getReason() != null && !ORDINARY_WAITING.contains(waiting.getReason())) {
            return new ContainerFailure(
                    pod, name, null, waiting.getReason(), waiting.getMessage(), lastLines.apply(pod, name));
        }
        return null;
    }

    private static boolean failed(ContainerStateTerminated terminated) {
        return terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0;
    }

    /** Exit 137 or 143 (SIGKILL, SIGTERM) in a pod being deleted: the end of the pod, not of the work. */
    private static boolean killedByDeletion(ContainerStateTerminated terminated, boolean podDeleted) {
        Integer code = terminated.getExitCode();
        return podDeleted
                && code != null
                && (code == 137 || code == 143)
                && !"OOMKilled".equals(terminated.getReason());
    }

    private static String withRestarts(String reason, Integer restarts) {
        if (restarts == null || restarts <= 0) {
            return reason;
        }
        String count = "restarted " + restarts + (restarts == 1 ? " time" : " times");
        return reason == null || reason.isBlank() ? count : reason + ", " + count;
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
