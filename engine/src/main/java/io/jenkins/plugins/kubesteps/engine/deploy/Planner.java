package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import io.jenkins.plugins.kubesteps.engine.kube.ApiKinds;
import io.jenkins.plugins.kubesteps.engine.kube.ArtifactBinder;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import io.jenkins.plugins.kubesteps.engine.servergroup.DeployTraffic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prepares a deploy without changing anything on the cluster (it only reads): loads the manifests,
 * resolves kinds through discovery, sets namespaces, picks versions, binds artifacts, adds
 * metadata, and orders the objects. Every problem of the input is found here, before the first
 * object is applied.
 */
final class Planner {
    private final KubernetesClient client;
    private final DeployRequest request;
    private final Consumer<String> warnings;
    private final LiveObjects live;
    /** namespace → Service name → selector, of the Services among the manifests. */
    private final Map<String, Map<String, Map<String, String>>> servicesAlongside = new HashMap<>();

    Planner(KubernetesClient client, DeployRequest request, Consumer<String> warnings) {
        this.client = client;
        this.request = request;
        this.warnings = warnings;
        this.live = new LiveObjects(client);
    }

    List<Planned> plan() {
        List<Manifest> manifests = Manifests.load(request.manifests());
        List<KindInfo> kinds = new ApiKinds(client).resolve(manifests);
        for (int i = 0; i < manifests.size(); i++) {
            setNamespace(manifests.get(i), kinds.get(i));
        }
        checkDuplicates(manifests);
        checkNamespacesExist(manifests, kinds);

        // ConfigMaps and Secrets are versioned first: the pod specs that use them are bound to their new names
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, Map<String, String>> renamed = new HashMap<>();
        for (int i = 0; i < manifests.size(); i++) {
            Manifest m = manifests.get(i);
            if (isConfig(m) && Versions.isVersioned(m)) {
                int seq = version(m, kinds.get(i), sequences);
                renamed.computeIfAbsent(m.kind() + "@" + m.namespace(), k -> new HashMap<>())
                        .put(m.name(), Versions.name(m.name(), seq));
            }
        }
        bind(manifests, renamed);
        checkTrafficTargets(manifests);
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            Manifest m = manifests.get(i);
            KindInfo kind = kinds.get(i);
            boolean versioned = Versions.isVersioned(m);
            if (versioned && !isConfig(m)) {
                version(m, kind, sequences);
            }
            planned.add(finish(m, kind, versioned ? sequences.get(key(m)) : null));
        }
        return ApplyOrder.sort(planned);
    }

    /** Traffic Services apply to ReplicaSets; the Services may be deployed alongside them. */
    private void checkTrafficTargets(List<Manifest> manifests) {
        if (!request.traffic().any()) {
            return;
        }
        boolean any = false;
        for (Manifest m : manifests) {
            any |= DeployTraffic.applies(m.apiVersion(), m.kind());
            if ("Service".equals(m.kind()) && m.group().isEmpty() && m.name() != null) {
                Map<String, Object> selector = Manifest.find(m.body(), "spec", "selector");
                Map<String, String> strings = new HashMap<>();
                if (selector != null) {
                    selector.forEach((k, v) -> strings.put(k, String.valueOf(v)));
                }
                servicesAlongside
                        .computeIfAbsent(m.namespace(), k -> new HashMap<>())
                        .put(m.name(), strings);
            }
        }
        if (!any) {
            throw new InvalidInputException(
                    "Traffic Services (" + String.join(", ", request.traffic().services())
                            + ") and strategies apply to ReplicaSets, and the manifests have none. Deploy the workload as a"
                            + " ReplicaSet (versioned: web-v000, web-v001, ...), or leave the traffic options out.");
        }
    }

    private void setNamespace(Manifest m, KindInfo kind) {
        if (!kind.namespaced()) {
            return;
        }
        String ns = firstNonBlank(request.namespace(), m.namespace(), client.getNamespace(), "default");
        if (!KubeLabels.isValidNamespace(ns)) {
            throw new InvalidInputException(m.where() + ": namespace '" + ns + "' is not a valid namespace name: use"
                    + " at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        m.metadata().put("namespace", ns);
    }

    /** A namespace neither live nor created by this deploy would fail the first object in it, half-way. */
    private void checkNamespacesExist(List<Manifest> manifests, List<KindInfo> kinds) {
        Set<String> created = new HashSet<>();
        Map<String, Manifest> needed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < manifests.size(); i++) {
            Manifest m = manifests.get(i);
            if ("Namespace".equals(m.kind()) && m.group().isEmpty()) {
                created.add(m.name());
            } else if (kinds.get(i).namespaced()) {
                needed.putIfAbsent(m.namespace(), m);
            }
        }
        for (Map.Entry<String, Manifest> e : needed.entrySet()) {
            if (created.contains(e.getKey())) {
                continue;
            }
            try {
                if (client.namespaces().withName(e.getKey()).get() == null) {
                    throw new InvalidInputException(e.getValue().where() + ": "
                            + e.getValue().describe()
                            + " goes to namespace " + e.getKey() + ", which does not exist; create it, or add the"
                            + " Namespace to the manifests. Nothing was applied.");
                }
            } catch (io.fabric8.kubernetes.client.KubernetesClientException ex) {
                if (ex.getCode() != 403) {
                    throw io.jenkins.plugins.kubesteps.engine.ClusterErrors.translate(
                            ex, "read namespace " + e.getKey(), String.valueOf(client.getMasterUrl()));
                }
                // an account limited to its namespace may not read Namespace objects: the apply will tell
            }
        }
    }

    private static void checkDuplicates(List<Manifest> manifests) {
        Map<String, Manifest> seen = new HashMap<>();
        for (Manifest m : manifests) {
            if (m.name() == null) {
                continue;
            }
            Manifest earlier = seen.putIfAbsent(key(m), m);
            if (earlier != null) {
                throw new InvalidInputException(m.where() + ": " + m.describe() + " is also defined at "
                        + earlier.where() + "; each object may appear once in a deploy");
            }
        }
    }

    private void bind(List<Manifest> manifests, Map<String, Map<String, String>> renamed) {
        Set<String> bound = new LinkedHashSet<>();
        for (Manifest m : manifests) {
            if (request.bindArtifacts()) {
                bound.addAll(ArtifactBinder.bindImages(m, request.artifacts()));
            }
            ArtifactBinder.rewriteReferences(
                    m,
                    renamed.getOrDefault("ConfigMap@" + m.namespace(), Map.of()),
                    renamed.getOrDefault("Secret@" + m.namespace(), Map.of()));
        }
        if (!request.bindArtifacts()) {
            if (!request.requiredArtifacts().isEmpty()) {
                warnings.accept("Artifact binding is off: required artifacts "
                        + String.join(", ", request.requiredArtifacts()) + " were not checked");
            }
            return;
        }
        List<String> missing = ArtifactBinder.unbound(request.requiredArtifacts(), bound);
        if (!missing.isEmpty()) {
            List<String> why = new ArrayList<>();
            for (String name : missing) {
                why.add(name
                        + (request.artifacts().containsKey(name)
                                ? " (given, but no container image of the manifests is named " + name + ")"
                                : " (no artifact of that name was given)"));
            }
            throw new InvalidInputException(
                    "Required artifacts are not bound: " + String.join(", ", why) + ". Nothing was applied.");
        }
        Set<String> unused = new HashSet<>(request.artifacts().keySet());
        unused.removeAll(bound);
        if (!unused.isEmpty()) {
            warnings.accept("Artifacts not bound to any container image: " + String.join(", ", unused));
        }
    }

    /** Picks the sequence of a versioned object: an identical live version's, else the next one. */
    private int version(Manifest m, KindInfo kind, Map<String, Integer> sequences) {
        String fingerprint = Versions.fingerprint(m.body());
        List<LiveObjects.Version> versions = live.versions(kind, m.namespace(), m.name());
        int sequence = Versions.next(
                versions.stream().map(LiveObjects.Version::sequence).toList());
        for (LiveObjects.Version v : versions) {
            if (identical(m, fingerprint, v.live())) {
                sequence = v.sequence();
            }
        }
        if (Annotations.flag(m, Annotations.USE_SOURCE_CAPACITY) == Boolean.TRUE && !versions.isEmpty()) {
            copyReplicas(m, versions.get(versions.size() - 1).live());
        }
        Manifest.map(m.metadata(), "annotations").putIfAbsent(Annotations.FINGERPRINT, fingerprint);
        sequences.put(key(m), sequence);
        return sequence;
    }

    /** By our fingerprint; a version without one (Spinnaker's, say) by its content where that can be judged. */
    @SuppressWarnings("unchecked")
    private static boolean identical(Manifest m, String fingerprint, GenericKubernetesResource live) {
        Map<String, String> annotations = live.getMetadata().getAnnotations();
        String theirs = annotations == null ? null : annotations.get(Annotations.FINGERPRINT);
        if (theirs != null) {
            return theirs.equals(fingerprint);
        }
        Map<String, Object> liveBody = SafeYaml.serialization().convertValue(live, Map.class);
        return Versions.sameContent(m.kind(), m.body(), liveBody);
    }

    private Planned finish(Manifest m, KindInfo kind, Integer sequence) {
        String base = m.name() != null ? m.name() : m.generateName();
        String namespace = kind.namespaced() ? m.namespace() : "";
        if (sequence == null
                && m.name() != null
                && Annotations.flag(m, Annotations.USE_SOURCE_CAPACITY) == Boolean.TRUE) {
            GenericKubernetesResource current = live.named(kind, namespace, m.name());
            if (current != null) {
                copyReplicas(m, current);
            }
        }
        if (request.traffic().any() && DeployTraffic.applies(kind.apiVersion(), kind.kind())) {
            DeployTraffic.join(
                    client,
                    namespace,
                    m.body(),
                    m.describe() + " (" + m.where() + ")",
                    request.traffic().services(),
                    servicesAlongside.getOrDefault(namespace, Map.of()));
        }
        String application = Monikers.application(m, request.application());
        String cluster = Monikers.cluster(m, base);
        Monikers.add(m, application, cluster, base, sequence, kind.namespaced() ? namespace : null);
        if (sequence != null) {
            m.metadata().put("name", Versions.name(base, sequence));
        }
        DeployedObject object = new DeployedObject(
                kind.kind(),
                kind.apiVersion(),
                namespace,
                m.name() != null ? m.name() : "",
                sequence == null ? "" : Versions.version(sequence),
                application == null ? "" : application,
                cluster,
                DeployedObject.NOT_APPLIED);
        return new Planned(m, kind, base, object, strategy(m), Annotations.count(m, Annotations.MAX_VERSION_HISTORY));
    }

    private static Planned.Strategy strategy(Manifest m) {
        if (m.name() == null) {
            return Planned.Strategy.CREATE;
        }
        if (Annotations.flag(m, Annotations.RECREATE) == Boolean.TRUE) {
            return Planned.Strategy.RECREATE;
        }
        if (Annotations.flag(m, Annotations.REPLACE) == Boolean.TRUE) {
            return Planned.Strategy.REPLACE;
        }
        return Planned.Strategy.APPLY;
    }

    @SuppressWarnings("unchecked")
    private void copyReplicas(Manifest m, GenericKubernetesResource source) {
        Object replicas = source.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                ? ((Map<String, Object>) spec).get("replicas")
                : null;
        if (replicas instanceof Number) {
            Manifest.map(m.body(), "spec").put("replicas", replicas);
        } else {
            warnings.accept(m.describe() + ": use-source-capacity found no replica count on "
                    + source.getMetadata().getName());
        }
    }

    private static boolean isConfig(Manifest m) {
        return m.group().isEmpty() && ("ConfigMap".equals(m.kind()) || "Secret".equals(m.kind()));
    }

    private static String key(Manifest m) {
        return m.apiVersion() + "/" + m.kind() + "@" + m.namespace() + "/" + m.name();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
