package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order objects are applied in, so that what an object needs exists before it: namespaces,
 * CRDs, identities and their permissions, configuration, storage, Services, workloads, then the
 * rest (Ingresses, autoscalers, custom resources). Objects of the same rank keep the order given.
 */
final class ApplyOrder {
    static final int NAMESPACE = 0;
    static final int CRD = 1;
    private static final int REST = 8;

    private static final Map<String, Integer> RANKS = Map.ofEntries(
            Map.entry("Namespace", NAMESPACE),
            Map.entry("CustomResourceDefinition", CRD),
            Map.entry("ServiceAccount", 2),
            Map.entry("ClusterRole", 2),
            Map.entry("Role", 2),
            Map.entry("ClusterRoleBinding", 3),
            Map.entry("RoleBinding", 3),
            Map.entry("ConfigMap", 4),
            Map.entry("Secret", 4),
            Map.entry("StorageClass", 5),
            Map.entry("PersistentVolume", 5),
            Map.entry("PersistentVolumeClaim", 5),
            Map.entry("Service", 6),
            Map.entry("Pod", 7),
            Map.entry("ReplicaSet", 7),
            Map.entry("ReplicationController", 7),
            Map.entry("Deployment", 7),
            Map.entry("StatefulSet", 7),
            Map.entry("DaemonSet", 7),
            Map.entry("Job", 7),
            Map.entry("CronJob", 7));

    private ApplyOrder() {}

    static int rank(KindInfo kind) {
        boolean builtIn = !kind.group().contains(".") || kind.group().endsWith(".k8s.io");
        return builtIn ? RANKS.getOrDefault(kind.kind(), REST) : REST;
    }

    /** A stable sort: equal ranks keep the order of the manifests. */
    static List<Planned> sort(List<Planned> objects) {
        return objects.stream()
                .sorted(Comparator.comparingInt(p -> rank(p.kind())))
                .toList();
    }
}
