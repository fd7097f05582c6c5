package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs;
import io.jenkins.plugins.kubesteps.engine.outputs.OutputText;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs of a finished run: those printed by the pod that counts (the successful one when the
 * Job retried, else the most recent one that printed any), then its containers' termination
 * messages, then the output ConfigMap; later sources win key by key. Each source is bounded on
 * its own and so is their merge ({@link BoundedOutputs}): each may be near a bound by itself.
 */
final class JobOutputs {
    private final KubernetesClient client;
    private final JobRequest request;
    private final Warnings warnings;

    JobOutputs(KubernetesClient client, JobRequest request, Warnings warnings) {
        this.client = client;
        this.request = request;
        this.warnings = warnings;
    }

    /**
     * @param outputsByPod outputs read from each pod's log lines
     * @param pods the latest state of every pod of the Job seen, by name
     */
    Map<String, Object> collect(
            JobRef job, boolean succeeded, Map<String, Map<String, Object>> outputsByPod, Map<String, Pod> pods) {
        Optional<Pod> successful = successful(pods);
        Map<String, Object> outputs;
        if (successful.isPresent()) {
            outputs = outputsByPod.getOrDefault(PodStates.name(successful.get()), Map.of());
        } else {
            outputs = mostRecentWithOutputs(outputsByPod, pods);
        }
        BoundedOutputs merged = new BoundedOutputs("outputs of Job " + job, warnings::add);
        merged.putAll(outputs, 0);
        if (succeeded) {
            if (successful.isPresent()) {
                terminationMessages(successful.get(), merged);
            }
            if (request.outputConfigMap() != null) {
                merged.putAll(configMap(job.namespace(), request.outputConfigMap()), 0);
            }
        }
        merged.summary().forEach(warnings::add);
        return merged.snapshot();
    }

    /**
     * Of the logs not read to their end ({@code pod/container}), those that matter for the outputs:
     * the successful pod's when there is one (a failed attempt's log does not count then), else all.
     */
    List<String> incomplete(List<String> unfinishedLogs, Map<String, Pod> pods) {
        Optional<String> counting = successful(pods).map(PodStates::name);
        return unfinishedLogs.stream()
                .filter(key -> counting.isEmpty() || key.startsWith(counting.get() + "/"))
                .toList();
    }

    private static Optional<Pod> successful(Map<String, Pod> pods) {
        return pods.values().stream()
                .filter(p -> "Succeeded".equals(PodStates.phase(p)))
                .max(PodStates.BY_CREATION);
    }

    private static Map<String, Object> mostRecentWithOutputs(
            Map<String, Map<String, Object>> outputsByPod, Map<String, Pod> pods) {
        // pods deleted before we saw them (or before a resume) have no known age: they count as oldest
        Comparator<String> byAge = Comparator.comparing((String name) -> Optional.ofNullable(pods.get(name))
                        .map(PodStates::created)
                        .orElse(Instant.EPOCH))
                .thenComparing(Comparator.naturalOrder());
        return outputsByPod.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .max(Map.Entry.comparingByKey(byAge))
                .map(Map.Entry::getValue)
                .orElse(Map.of());
    }

    /** Into {@code outputs} container by container: the same as merging the messages first. */
    private void terminationMessages(Pod pod, BoundedOutputs outputs) {
        for (ContainerStatus container : PodStates.containers(pod)) {
            if (request.container() != null && !request.container().equals(container.getName())) {
                continue;
            }
            ContainerStateTerminated terminated =
                    container.getState() == null ? null : container.getState().getTerminated();
            if (terminated != null && terminated.getMessage() != null) {
                String where = "termination message of " + PodStates.name(pod) + "/" + container.getName();
                OutputText.Parsed parsed = OutputText.fromTerminationMessage(where, terminated.getMessage());
                parsed.warnings().forEach(warnings::add);
                outputs.putAll(parsed.outputs(), 0);
            }
        }
    }

    private Map<String, Object> configMap(String namespace, ConfigMapKey key) {
        String where = "ConfigMap " + namespace + "/" + key.name() + " key " + key.key();
        ConfigMap map;
        try {
            map = client.configMaps()
                    .inNamespace(namespace)
                    .withName(key.name())
                    .get();
        } catch (KubernetesClientException e) {
            warnings.add(ClusterErrors.translate(
                                    e,
                                    "read ConfigMap " + namespace + "/" + key.name(),
                                    String.valueOf(client.getMasterUrl()))
                            .getMessage()
                    + "; no outputs taken from it");
            return Map.of();
        }
        if (map == null) {
            warnings.add("ConfigMap " + namespace + "/" + key.name() + " does not exist; no outputs taken from it");
            return Map.of();
        }
        String value = map.getData() == null ? null : map.getData().get(key.key());
        if (value == null) {
            warnings.add(where + " does not exist; no outputs taken from it");
            return Map.of();
        }
        OutputText.Parsed parsed = OutputText.fromConfigMap(where, value);
        parsed.warnings().forEach(warnings::add);
        return parsed.outputs();
    }
}
