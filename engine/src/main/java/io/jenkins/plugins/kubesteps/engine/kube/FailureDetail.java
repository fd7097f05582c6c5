package io.jenkins.plugins.kubesteps.engine.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Explains why an object is not stable: what its pods are stuck on (ImagePullBackOff,
 * Unschedulable, ...) and the newest Warning events of the object, its ReplicaSets and its pods.
 * Read once, when a deploy fails or times out, never while waiting.
 */
public final class FailureDetail {
    static final int MAX_EVENTS = 5;
    private static final int MAX_PODS = 3;

    private final KubernetesClient client;

    public FailureDetail(KubernetesClient client) {
        this.client = client;
    }

    /** Lines to add under the object's own message; a read that fails yields a line saying so. */
    public List<String> explain(DeployedObject object, Map<String, Object> live) {
        List<String> lines = new ArrayList<>();
        if (object.namespace().isEmpty()) {
            return lines;
        }
        try {
            List<Pod> pods = pods(object, live);
            for (Pod pod : pods.stream().limit(MAX_PODS).toList()) {
                String problem = podProblem(pod);
                if (problem != null) {
                    lines.add("pod " + pod.getMetadata().getName() + ": " + problem);
                }
            }
            Set<String> names = new LinkedHashSet<>();
            names.add(object.name());
            pods.forEach(p -> names.add(p.getMetadata().getName()));
            for (Event e : warnings(object, names)) {
                lines.add("Warning " + e.getReason() + " on "
                        + e.getInvolvedObject().getKind().toLowerCase() + "/"
                        + e.getInvolvedObject().getName() + ": " + oneLine(e.getMessage()));
            }
        } catch (KubernetesClientException e) {
            lines.add("(could not read its pods and events: HTTP " + e.getCode() + ")");
        }
        return lines;
    }

    private List<Pod> pods(DeployedObject object, Map<String, Object> live) {
        if ("Pod".equals(object.kind())) {
            Pod pod = client.pods()
                    .inNamespace(object.namespace())
                    .withName(object.name())
                    .get();
            return pod == null ? List.of() : List.of(pod);
        }
        Map<String, Object> matchLabels = Manifest.find(live, "spec", "selector", "matchLabels");
        if (matchLabels == null || matchLabels.isEmpty()) {
            return List.of();
        }
        Map<String, String> labels = new java.util.HashMap<>();
        matchLabels.forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return client.pods()
                .inNamespace(object.namespace())
                .withLabels(labels)
                .list()
                .getItems();
    }

    /** The newest Warning events about the object, its ReplicaSets (name-prefixed) and its pods. */
    private List<Event> warnings(DeployedObject object, Set<String> names) {
        List<Event> events = client.v1()
                .events()
                .inNamespace(object.namespace())
                .withField("type", "Warning")
                .list()
                .getItems();
        return events.stream()
                .filter(e ->
                        e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null)
                .filter(e -> names.contains(e.getInvolvedObject().getName())
                        || ("ReplicaSet".equals(e.getInvolvedObject().getKind())
                                && e.getInvolvedObject().getName().startsWith(object.name() + "-")))
                .sorted(Comparator.comparing(FailureDetail::when).reversed())
                .limit(MAX_EVENTS)
                .toList();
    }

    private static String when(Event e) {
        return Stream.of(
                        e.getLastTimestamp(),
                        e.getEventTime() == null ? null : e.getEventTime().getTime(),
                        e.getMetadata().getCreationTimestamp())
                .filter(t -> t != null && !t.isEmpty())
                .findFirst()
                .orElse("");
    }

    /** "container web: ImagePullBackOff: ..." or "Unschedulable: 0/1 nodes ...", or null. */
    static String podProblem(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus cs : statuses) {
            if (cs.getState() != null && cs.getState().getWaiting() != null) {
                String reason = cs.getState().getWaiting().getReason();
                if (reason != null && !"ContainerCreating".equals(reason) && !"PodInitializing".equals(reason)) {
                    String message = cs.getState().getWaiting().getMessage();
                    return "container " + cs.getName() + ": " + reason
                            + (message == null ? "" : ": " + oneLine(message));
                }
            }
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    return c.getReason() + ": " + oneLine(c.getMessage());
                }
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
