package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns the node's view of a pod into the PodStatus a kubelet would report. */
final class PodStatuses {

    /** The node's address: containers run as local processes, so this is where they listen. */
    static final String HOST_IP = "127.0.0.1";

    private static final Set<String> OWN_CONDITIONS =
            Set.of("PodScheduled", "PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready");

    private PodStatuses() {}

    /**
     * A pod's own address in 10.0.0.0/8, derived from its uid so every status update reports the
     * same one. Not the loopback address the processes really use: EndpointSlices refuse loopback
     * addresses, and the endpoint slice controller would then list no pod of any Service.
     */
    static String podIp(Pod pod) {
        String uid = pod.getMetadata() == null ? null : pod.getMetadata().getUid();
        int h = uid == null ? 0 : uid.hashCode() & 0x7fffffff;
        // host part 1..254 of each /24: never a network or broadcast-looking address
        return "10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (1 + (h & 0xff) % 254);
    }

    /**
     * The pod phase. {@code final} means no container will be started again (the pod is being
     * deleted), so phases are judged as for restartPolicy Never.
     */
    static String phase(String restartPolicy, List<ContainerRecord> init, List<ContainerRecord> main, boolean last) {
        String policy = last ? "Never" : (restartPolicy == null ? "Always" : restartPolicy);
        for (ContainerRecord record : init) {
            if (!record.succeeded()) {
                boolean gaveUp = record.failed() && policy.equals("Never");
                return gaveUp || (last && record.state != ContainerRecord.State.RUNNING) ? "Failed" : "Pending";
            }
        }
        boolean anyStarted = main.stream()
                .anyMatch(r ->
                        r.state != ContainerRecord.State.WAITING || r.restartCount > 0 || r.lastTerminated != null);
        if (!anyStarted) {
            return last ? "Failed" : "Pending";
        }
        if (main.stream().anyMatch(r -> r.state != ContainerRecord.State.TERMINATED)) {
            return last && main.stream().noneMatch(r -> r.state == ContainerRecord.State.RUNNING)
                    ? "Failed"
                    : "Running";
        }
        boolean allSucceeded = main.stream().allMatch(ContainerRecord::succeeded);
        switch (policy) {
            case "Never":
                return allSucceeded ? "Succeeded" : "Failed";
            case "OnFailure":
                return allSucceeded ? "Succeeded" : "Running";
            default:
                return "Running";
        }
    }

    /**
     * @param lastSent the status this node reported before (its transition times are kept), or
     *     null; conditions other components own are taken from {@code pod}
     */
    static PodStatus build(
            Pod pod,
            PodStatus lastSent,
            String phase,
            Instant startTime,
            List<ContainerRecord> init,
            List<ContainerRecord> main) {
        Instant now = Instant.now();
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        List<String> uninitialized =
                init.stream().filter(r -> !r.succeeded()).map(r -> r.name).collect(Collectors.toList());
        List<String> unready = main.stream()
                .filter(r -> r.state != ContainerRecord.State.RUNNING)
                .map(r -> r.name)
                .collect(Collectors.toList());
        List<PodCondition> current = pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? List.of()
                : pod.getStatus().getConditions();
        List<PodCondition> previous = lastSent == null ? current : lastSent.getConditions();

        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "PodReadyToStartContainers", !terminal, null, null, now));
        conditions.add(
                uninitialized.isEmpty() || phase.equals("Succeeded")
                        ? condition(previous, "Initialized", true, null, null, now)
                        : condition(
                                previous,
                                "Initialized",
                                false,
                                "ContainersNotInitialized",
                                "containers with incomplete status: " + uninitialized,
                                now));
        String notReadyReason = terminal ? "PodCompleted" : "ContainersNotReady";
        String notReadyMessage = terminal ? null : "containers with unready status: " + unready;
        boolean ready = unready.isEmpty() && !terminal;
        conditions.add(condition(previous, "ContainersReady", ready, notReadyReason, notReadyMessage, now));
        conditions.add(condition(previous, "Ready", ready, notReadyReason, notReadyMessage, now));
        conditions.add(condition(previous, "PodScheduled", true, null, null, now));
        // conditions other components own (DisruptionTarget, readiness gates) are kept
        current.stream().filter(c -> !OWN_CONDITIONS.contains(c.getType())).forEach(conditions::add);

        return new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(HOST_IP)
                .withHostIPs(new HostIP(HOST_IP))
                .withPodIP(podIp(pod))
                .withPodIPs(new PodIP(podIp(pod)))
                .withStartTime(startTime == null ? null : Rfc3339.seconds(startTime))
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .withInitContainerStatuses(
                        init.stream().map(PodStatuses::container).collect(Collectors.toList()))
                .withContainerStatuses(main.stream().map(PodStatuses::container).collect(Collectors.toList()))
                .build();
    }

    private static PodCondition condition(
            List<PodCondition> previous, String type, boolean status, String reason, String message, Instant now) {
        String value = status ? "True" : "False";
        String since = previous.stream()
                .filter(c -> c.getType().equals(type) && value.equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(Rfc3339.seconds(now));
        PodCondition condition = new PodCondition();
        condition.setType(type);
        condition.setStatus(value);
        condition.setLastTransitionTime(since);
        if (!status) {
            condition.setReason(reason);
            condition.setMessage(message);
        }
        return condition;
    }

    static ContainerStatus container(ContainerRecord record) {
        boolean running = record.state == ContainerRecord.State.RUNNING;
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(record.name)
                .withImage(record.image)
                .withImageID(record.image == null ? "" : "simulated://" + record.image)
                .withRestartCount(record.restartCount)
                .withReady(running && !record.init)
                .withStarted(running)
                .withState(state(record));
        if (record.containerId != null) {
            status.withContainerID(record.containerId);
        }
        if (record.lastTerminated != null) {
            status.withLastState(terminated(record.lastTerminated));
        }
        return status.build();
    }

    private static ContainerState state(ContainerRecord record) {
        switch (record.state) {
            case RUNNING:
                return new ContainerStateBuilder()
                        .withNewRunning(Rfc3339.seconds(record.startedAt))
                        .build();
            case TERMINATED:
                return terminated(record.terminated);
            default:
                return new ContainerStateBuilder()
                        .withNewWaiting(record.waitingMessage, record.waitingReason)
                        .build();
        }
    }

    private static ContainerState terminated(ContainerRecord.Terminated result) {
        return new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(result.exitCode())
                .withReason(result.reason())
                .withMessage(result.message() == null || result.message().isEmpty() ? null : result.message())
                .withStartedAt(result.startedAt() == null ? null : Rfc3339.seconds(result.startedAt()))
                .withFinishedAt(Rfc3339.seconds(result.finishedAt()))
                .withContainerID(result.containerId())
                .endTerminated()
                .build();
    }
}
