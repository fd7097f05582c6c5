package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads what is live, once per kind and namespace however many objects of that kind a deploy
 * holds: the earlier versions of versioned objects and the replica counts use-source-capacity
 * copies.
 */
final class LiveObjects {
    /** A live version of a versioned object. */
    record Version(int sequence, GenericKubernetesResource live) {}

    private final KubernetesClient client;
    private final Map<String, List<GenericKubernetesResource>> lists = new HashMap<>();

    LiveObjects(KubernetesClient client) {
        this.client = client;
    }

    /** The live versions of {@code base}, oldest first (a namespace that does not exist yet has none). */
    List<Version> versions(KindInfo kind, String namespace, String base) {
        List<Version> versions = new ArrayList<>();
        for (GenericKubernetesResource r : list(kind, namespace)) {
            OptionalInt seq = Versions.sequenceOf(r.getMetadata().getName(), base);
            if (seq.isPresent() && r.getMetadata().getDeletionTimestamp() == null) {
                versions.add(new Version(seq.getAsInt(), r));
            }
        }
        versions.sort(Comparator.comparingInt(Version::sequence));
        return versions;
    }

    /** The live object of that exact name, or null. */
    GenericKubernetesResource named(KindInfo kind, String namespace, String name) {
        return list(kind, namespace).stream()
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst()
                .orElse(null);
    }

    private List<GenericKubernetesResource> list(KindInfo kind, String namespace) {
        String key = kind.apiVersion() + "/" + kind.kind() + "@" + namespace;
        return lists.computeIfAbsent(key, k -> fetch(kind, namespace));
    }

    /** Every object of {@code kind} in {@code namespace}, uncached. */
    List<GenericKubernetesResource> fetch(KindInfo kind, String namespace) {
        try {
            var op = client.genericKubernetesResources(kind.context());
            return (kind.namespaced() ? op.inNamespace(namespace).list() : op.list()).getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            String where = kind.namespaced() ? " in namespace " + namespace : "";
            throw ClusterErrors.translate(e, "list " + kind.plural() + where, String.valueOf(client.getMasterUrl()));
        }
    }
}
