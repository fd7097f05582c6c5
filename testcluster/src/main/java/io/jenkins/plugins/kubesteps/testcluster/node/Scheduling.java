package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The little scheduling the node does in place of kube-scheduler, so that an unschedulable pod
 * looks as it would on a real cluster: it stays Pending with PodScheduled False, reason
 * Unschedulable. Checked: nodeSelector against the node's labels, and each container's (or
 * init container's) requests against the node's capacity. Affinity, taints and the sum of
 * requests of pods already running are not.
 */
final class Scheduling {

    private Scheduling() {}

    /** Why the pod cannot run on this node, in kube-scheduler's words; null when it can. */
    static String unschedulable(Pod pod, String nodeName) {
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        Map<String, String> labels = NodeRegistrar.labels(nodeName);
        if (selector != null
                && selector.entrySet().stream().anyMatch(e -> !e.getValue().equals(labels.get(e.getKey())))) {
            return "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.";
        }
        TreeSet<String> insufficient = new TreeSet<>();
        Map<String, Quantity> capacity = NodeRegistrar.capacity();
        Stream.concat(list(pod.getSpec().getInitContainers()).stream(), pod.getSpec().getContainers().stream())
                .map(Container::getResources)
                .filter(r -> r != null && r.getRequests() != null)
                .flatMap(r -> r.getRequests().entrySet().stream())
                .forEach(request -> {
                    Quantity available = capacity.get(request.getKey());
                    BigDecimal asked = request.getValue().getNumericalAmount();
                    if (available != null && asked.compareTo(available.getNumericalAmount()) > 0) {
                        insufficient.add(request.getKey());
                    }
                });
        if (insufficient.isEmpty()) {
            return null;
        }
        StringBuilder message = new StringBuilder("0/1 nodes are available:");
        insufficient.forEach(
                resource -> message.append(" 1 Insufficient ").append(resource).append('.'));
        return message.toString();
    }

    /** True when the pod already carries this verdict, so it is written once, not on every event. */
    static boolean alreadyReported(Pod pod, String message) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && message.equals(c.getMessage()));
    }

    static PodStatus status(Pod pod, String message, Instant now) {
        PodCondition condition = new PodCondition();
        condition.setType("PodScheduled");
        condition.setStatus("False");
        condition.setReason("Unschedulable");
        condition.setMessage(message);
        condition.setLastTransitionTime(Rfc3339.seconds(now));
        List<PodCondition> conditions = new ArrayList<>(List.of(condition));
        return new PodStatusBuilder()
                .withPhase("Pending")
                .withConditions(conditions)
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .build();
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
