package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Resolves {@link TargetSpec}s against the live cluster, once, when an operation starts. A dynamic
 * target looks at the server groups of its moniker cluster ({@code moniker.spinnaker.io/cluster},
 * optionally {@code moniker.spinnaker.io/application}) in the namespace and picks one by {@link
 * Criteria}.
 *
 * <pre>
 * ResolvedTarget t = new Targets(client).resolve(TargetSpec.dynamic("shop", "replicaSet frontend",
 *         Criteria.SECOND_NEWEST, null));
 * console.line(t.resolution());   // second_newest of replicaSet frontend → frontend-v002
 * </pre>
 */
public final class Targets {
    private final KubernetesClient client;
    private final KindNames kinds;

    public Targets(KubernetesClient client) {
        this.client = client;
        this.kinds = new KindNames(client);
    }

    /**
     * @throws InvalidInputException the target does not exist, its cluster has no (or too few)
     *     server groups, or the spec is malformed; the message names what exists
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException reading failed
     */
    public ResolvedTarget resolve(TargetSpec spec) {
        String namespace = namespace(spec);
        if (!spec.isDynamic()) {
            TargetSpec.KindAndName kn = TargetSpec.KindAndName.parse(spec.target(), "target");
            KindInfo kind = kinds.resolve(kn.kind());
            String ns = kind.namespaced() ? namespace : "";
            if (get(kind, ns, kn.name()) == null) {
                throw new InvalidInputException(missing(kind, ns, kn.name()));
            }
            return new ResolvedTarget(kind, ns, kn.name(), label(kind) + " " + kn.name());
        }
        TargetSpec.KindAndName cluster = TargetSpec.KindAndName.parse(spec.cluster(), "cluster");
        KindInfo kind = kinds.resolve(cluster.kind());
        String ns = kind.namespaced() ? namespace : "";
        List<ServerGroup> groups = cluster(kind, ns, spec.cluster(), spec.application());
        ServerGroup picked = pick(groups, spec, ns, () -> clustersIn(kind, ns));
        return new ResolvedTarget(kind, ns, picked.name(), spec.describe() + " → " + picked.name());
    }

    /**
     * The live server groups of a moniker cluster, newest first (see {@link
     * ServerGroup#NEWEST_FIRST}); objects being deleted are left out.
     *
     * @param cluster as in {@code moniker.spinnaker.io/cluster}: {@code "replicaSet frontend"}
     * @param application null: any
     */
    public List<ServerGroup> cluster(KindInfo kind, String namespace, String cluster, String application) {
        String wanted = normalise(cluster);
        List<ServerGroup> groups = new ArrayList<>();
        for (GenericKubernetesResource r : list(kind, namespace)) {
            Map<String, String> a = annotations(r);
            if (r.getMetadata().getDeletionTimestamp() == null
                    && wanted.equals(normalise(a.get(Annotations.CLUSTER)))
                    && (application == null || application.equals(a.get(Annotations.APPLICATION)))) {
                groups.add(ServerGroup.of(r));
            }
        }
        groups.sort(ServerGroup.NEWEST_FIRST);
        return groups;
    }

    /** One group by criteria; {@code groups} newest first. */
    static ServerGroup pick(List<ServerGroup> groups, TargetSpec spec, String namespace, Supplier<String> elsewhere) {
        Criteria criteria = spec.criteria();
        int needed = criteria == Criteria.SECOND_NEWEST ? 2 : 1;
        if (groups.size() < needed) {
            String where = namespace.isEmpty() ? "" : " in namespace " + namespace;
            if (groups.isEmpty()) {
                throw new InvalidInputException("No server group of cluster '" + spec.cluster() + "'"
                        + (spec.application() == null ? "" : " of application " + spec.application())
                        + " exists" + where + " (annotation " + Annotations.CLUSTER + "); " + elsewhere.get()
                        + ". Check the cluster's name, kind, application and namespace.");
            }
            throw new InvalidInputException(
                    spec.describe() + " needs at least " + needed + " server groups, but the cluster has "
                            + groups.size() + where + ": "
                            + groups.stream().map(ServerGroup::name).collect(Collectors.joining(", "))
                            + ". Deploy another version first, or pick newest.");
        }
        return switch (criteria) {
            case NEWEST -> groups.get(0);
            case SECOND_NEWEST -> groups.get(1);
            case OLDEST -> groups.get(groups.size() - 1);
                // equal sizes: the newest of them (stable sort keeps newest-first order)
            case LARGEST -> groups.stream()
                    .sorted(Comparator.comparingInt(ServerGroup::replicas).reversed())
                    .findFirst()
                    .orElseThrow();
            case SMALLEST -> groups.stream()
                    .sorted(Comparator.comparingInt(ServerGroup::replicas))
                    .findFirst()
                    .orElseThrow();
        };
    }

    /** The live object, or null when it does not exist. */
    public GenericKubernetesResource get(KindInfo kind, String namespace, String name) {
        try {
            var op = client.genericKubernetesResources(kind.context());
            return (kind.namespaced() ? op.inNamespace(namespace) : op)
                    .withName(name)
                    .get();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(
                    e, "read " + kind.slashName(name) + where(namespace), String.valueOf(client.getMasterUrl()));
        }
    }

    /** The namespace of {@code spec}, else the connection's, else {@code default}. */
    public String namespace(TargetSpec spec) {
        if (spec.namespace() != null) {
            return spec.namespace();
        }
        String ns = client.getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    private String missing(KindInfo kind, String namespace, String name) {
        Integer version = ServerGroup.nameVersion(name);
        String base = version == null ? name : name.substring(0, name.lastIndexOf("-v"));
        List<String> similar = list(kind, namespace).stream()
                .map(r -> r.getMetadata().getName())
                .filter(n -> n.startsWith(base))
                .sorted()
                .limit(10)
                .toList();
        return label(kind) + " " + name + " does not exist" + where(namespace) + "; "
                + (similar.isEmpty()
                        ? "there is no " + label(kind) + " named like it"
                        : "there are: " + String.join(", ", similar))
                + ". Check the name and namespace, or use a cluster target (e.g. newest of " + label(kind) + " "
                + base + ").";
    }

    private String clustersIn(KindInfo kind, String namespace) {
        Map<String, Integer> clusters = new TreeMap<>();
        for (GenericKubernetesResource r : list(kind, namespace)) {
            String c = annotations(r).get(Annotations.CLUSTER);
            if (c != null) {
                clusters.merge(c, 1, Integer::sum);
            }
        }
        if (clusters.isEmpty()) {
            return "no " + label(kind) + " there has a cluster annotation";
        }
        return "clusters there: "
                + clusters.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", "));
    }

    private List<GenericKubernetesResource> list(KindInfo kind, String namespace) {
        try {
            var op = client.genericKubernetesResources(kind.context());
            return (kind.namespaced() ? op.inNamespace(namespace).list() : op.list()).getItems();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(
                    e, "list " + kind.plural() + where(namespace), String.valueOf(client.getMasterUrl()));
        }
    }

    /** "replicaSet frontend" and "ReplicaSet  frontend" are the same cluster. */
    private static String normalise(String cluster) {
        if (cluster == null) {
            return "";
        }
        String[] parts = cluster.strip().split("\\s+", 2);
        if (parts.length < 2) {
            return cluster.strip();
        }
        KindInfo k = KindNames.builtIn(parts[0]);
        return (k == null ? parts[0].toLowerCase(java.util.Locale.ROOT) : k.kind()) + " " + parts[1];
    }

    private static Map<String, String> annotations(GenericKubernetesResource r) {
        Map<String, String> a = r.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    /** {@code replicaSet}, as Spinnaker writes kinds. */
    static String label(KindInfo kind) {
        return Character.toLowerCase(kind.kind().charAt(0)) + kind.kind().substring(1);
    }

    private static String where(String namespace) {
        return namespace == null || namespace.isEmpty() ? "" : " in namespace " + namespace;
    }
}
