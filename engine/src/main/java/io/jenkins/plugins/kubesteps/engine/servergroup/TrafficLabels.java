package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels that put a server group's pods into its Services (every key of every Service's
 * selector), and the checks that keep changing them safe: taking a key away must never take a pod
 * out of its own ReplicaSet, and putting one in must never overwrite a label the workload owns.
 */
final class TrafficLabels {
    private TrafficLabels() {}

    /**
     * The union of the Services' selectors.
     *
     * @param what the workload, for messages ({@code replicaSet web-v001 in namespace shop})
     * @param ownSelectorKeys the keys of the workload's own selector (a ReplicaSet's {@code
     *     spec.selector}); none for a bare Pod
     * @param ownLabels the labels of its pod template (a bare Pod's labels)
     */
    static Map<String, String> of(
            List<ServiceSelector> services, String what, Set<String> ownSelectorKeys, Map<String, String> ownLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ServiceSelector s : services) {
            if (s.selector().isEmpty()) {
                problems.add("Service " + s.name() + " has no selector, so no label takes pods in or out of it (its"
                        + " endpoints are kept by hand); give it a selector, or leave it out of the Services");
                continue;
            }
            s.selector().forEach((key, value) -> {
                String earlier = labels.putIfAbsent(key, value);
                if (earlier != null && !earlier.equals(value)) {
                    problems.add("Services " + from.get(key) + " and " + s.name() + " select " + key + "=" + earlier
                            + " and " + key + "=" + value + "; no pod can be in both");
                }
                from.putIfAbsent(key, s.name());
                if (ownSelectorKeys.contains(key)) {
                    problems.add("Service " + s.name() + " selects on " + key + ", which is also in the selector of "
                            + what + ": removing it would orphan the pods (the ReplicaSet would start new ones)."
                            + " Give the Service a label key of its own (e.g. " + s.name() + "-traffic: \"true\")"
                            + " that the workload's selector does not use");
                } else if (ownLabels.containsKey(key) && !ownLabels.get(key).equals(value)) {
                    problems.add("Service " + s.name() + " selects " + key + "=" + value + ", but the pods of " + what
                            + " carry " + key + "=" + ownLabels.get(key) + " as their own label; give the Service a"
                            + " label key of its own");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems) + ". Nothing was changed.");
        }
        return labels;
    }

    /** Whether {@code podLabels} already are as {@code action} wants them. */
    static boolean inPlace(TrafficAction action, Map<String, String> trafficLabels, Map<String, String> podLabels) {
        Map<String, String> labels = podLabels == null ? Map.of() : podLabels;
        for (Map.Entry<String, String> e : trafficLabels.entrySet()) {
            boolean present = e.getValue().equals(labels.get(e.getKey()));
            if (action == TrafficAction.ENABLE ? !present : labels.containsKey(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** The JSON merge patch of {@code metadata.labels} that does it (null removes a key). */
    static Map<String, Object> patch(TrafficAction action, Map<String, String> trafficLabels) {
        Map<String, Object> labels = new LinkedHashMap<>();
        trafficLabels.forEach((k, v) -> labels.put(k, action == TrafficAction.ENABLE ? v : null));
        return labels;
    }

    /**
     * The Services of {@code traffic.spinnaker.io/load-balancers}: a JSON list of {@code "service
     * name"} entries, as Spinnaker writes it.
     */
    static List<String> servicesOf(String annotation, String what) {
        List<String> names = new ArrayList<>();
        Object parsed;
        try {
            parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(annotation, Object.class);
        } catch (java.io.IOException e) {
            parsed = null;
        }
        if (!(parsed instanceof List<?> list)) {
            throw new InvalidInputException(what + ": annotation traffic.spinnaker.io/load-balancers is '" + annotation
                    + "'; write a JSON list such as [\"service my-svc\"]");
        }
        for (Object entry : list) {
            TargetSpec.KindAndName kn =
                    TargetSpec.KindAndName.parse(String.valueOf(entry), "traffic.spinnaker.io/load-balancers entry");
            if (!"service".equalsIgnoreCase(kn.kind())) {
                throw new InvalidInputException(what + ": traffic.spinnaker.io/load-balancers names " + entry
                        + "; only Services can be load balancers here (\"service my-svc\")");
            }
            names.add(kn.name());
        }
        return names;
    }
}
