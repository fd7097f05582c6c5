package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a kind as users write it in targets ({@code replicaSet}, {@code ReplicaSet}, {@code
 * replicasets}, {@code rs}, or {@code kind.group} for a custom resource) into the API's kind. The
 * built-in workload kinds need no request; any other kind costs one discovery of its group.
 */
public final class KindNames {
    private static final Map<String, KindInfo> BUILT_IN = Stream.of(
                    new KindInfo("apps/v1", "ReplicaSet", "replicasets", true),
                    new KindInfo("apps/v1", "Deployment", "deployments", true),
                    new KindInfo("apps/v1", "StatefulSet", "statefulsets", true),
                    new KindInfo("apps/v1", "DaemonSet", "daemonsets", true),
                    new KindInfo("v1", "Pod", "pods", true),
                    new KindInfo("v1", "Service", "services", true),
                    new KindInfo("v1", "ConfigMap", "configmaps", true),
                    new KindInfo("v1", "Secret", "secrets", true),
                    new KindInfo("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
                    new KindInfo("v1", "ServiceAccount", "serviceaccounts", true),
                    new KindInfo("batch/v1", "Job", "jobs", true),
                    new KindInfo("batch/v1", "CronJob", "cronjobs", true),
                    new KindInfo("networking.k8s.io/v1", "Ingress", "ingresses", true),
                    new KindInfo("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
                    new KindInfo("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
                    new KindInfo("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true))
            .collect(Collectors.toUnmodifiableMap(k -> k.kind().toLowerCase(Locale.ROOT), Function.identity()));
    private static final Map<String, String> SHORT = Map.of(
            "rs", "replicaset",
            "deploy", "deployment",
            "sts", "statefulset",
            "ds", "daemonset",
            "po", "pod",
            "svc", "service",
            "cm", "configmap",
            "pvc", "persistentvolumeclaim",
            "hpa", "horizontalpodautoscaler",
            "pdb", "poddisruptionbudget");

    private final KubernetesClient client;

    public KindNames(KubernetesClient client) {
        this.client = client;
    }

    /** The built-in kind {@code text} names, or null (no request). */
    static KindInfo builtIn(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        key = SHORT.getOrDefault(key, key);
        KindInfo info = BUILT_IN.get(key);
        if (info == null) {
            String plural = key;
            info = BUILT_IN.values().stream()
                    .filter(k -> k.plural().equals(plural))
                    .findFirst()
                    .orElse(null);
        }
        return info;
    }

    /** The kind {@code text} names; {@code kind.group} (e.g. {@code rollout.argoproj.io}) for others. */
    public KindInfo resolve(String text) {
        KindInfo info = builtIn(text);
        if (info != null) {
            return info;
        }
        int dot = text.indexOf('.');
        if (dot > 0) {
            KindInfo custom = discover(text.substring(0, dot), text.substring(dot + 1));
            if (custom != null) {
                return custom;
            }
        }
        throw new InvalidInputException("Kind '" + text + "' is unknown: write a workload kind as Spinnaker does"
                + " (replicaSet, deployment, statefulSet, daemonSet, pod, service, ...) or kind.group for a custom"
                + " resource (e.g. rollout.argoproj.io)");
    }

    private KindInfo discover(String kind, String group) {
        try {
            APIGroup g = client.getApiGroup(group);
            if (g == null || g.getPreferredVersion() == null) {
                return null;
            }
            String apiVersion = g.getPreferredVersion().getGroupVersion();
            APIResourceList list = client.getApiResources(apiVersion);
            List<APIResource> resources = list == null ? List.of() : list.getResources();
            for (APIResource r : resources) {
                boolean sub = r.getName().contains("/");
                if (!sub && (r.getKind().equalsIgnoreCase(kind) || r.getName().equalsIgnoreCase(kind))) {
                    return new KindInfo(apiVersion, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced()));
                }
            }
            return null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw ClusterErrors.translate(e, "discover API group " + group, String.valueOf(client.getMasterUrl()));
        }
    }
}
