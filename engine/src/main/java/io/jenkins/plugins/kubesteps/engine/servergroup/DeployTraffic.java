package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * deployManifest's traffic management: before applying, the Services' selector labels go into each
 * new ReplicaSet's pod template; once it is stable, red/black disables the cluster's older server
 * groups (optionally scaling them to 0) and highlander disables then deletes them. Nothing touches
 * an older group until the new one is serving (its pods are in every Service's EndpointSlices).
 */
public final class DeployTraffic {
    private DeployTraffic() {}

    /** A deployed ReplicaSet, as the deploy knows it. */
    public record NewGroup(KindInfo kind, String namespace, String name, String cluster, String application) {}

    /** Only ReplicaSets are server groups with traffic (a Deployment's template change is a rollout). */
    public static boolean applies(String apiVersion, String kind) {
        return "apps/v1".equals(apiVersion) && "ReplicaSet".equals(kind);
    }

    /**
     * Adds the Services' selector labels to a ReplicaSet manifest's pod template and names them in
     * {@code traffic.spinnaker.io/load-balancers} (keeping Services the user listed there).
     *
     * @param where the manifest, for messages ({@code ReplicaSet web (app.yaml:12:1)})
     * @param deployedAlongside Service name → selector of the Services among the same deploy's
     *     manifests in this namespace (the first deploy usually creates the Service too)
     * @throws InvalidInputException a Service is missing, has no selector, or selects on a key of
     *     the ReplicaSet's own selector or labels
     */
    public static void join(
            KubernetesClient client,
            String namespace,
            Map<String, Object> body,
            String where,
            List<String> services,
            Map<String, Map<String, String>> deployedAlongside) {
        Map<String, Object> spec = child(body, "spec");
        Map<String, Object> templateMeta = child(child(spec, "template"), "metadata");
        Map<String, Object> labels = child(templateMeta, "labels");
        GenericKubernetesResource asLive = new GenericKubernetesResource();
        asLive.setAdditionalProperty("spec", spec);
        List<ServiceSelector> selectors = new ArrayList<>();
        for (String name : services) {
            selectors.add(
                    deployedAlongside.containsKey(name)
                            ? new ServiceSelector(name, deployedAlongside.get(name))
                            : selector(client, namespace, name, where));
        }
        Map<String, String> traffic =
                TrafficLabels.of(selectors, where, LiveMaps.selectorKeys(asLive), LiveMaps.strings(labels));
        labels.putAll(traffic);
        Map<String, Object> annotations = child(child(body, "metadata"), "annotations");
        Set<String> listed = new LinkedHashSet<>();
        Object given = annotations.get(Annotations.LOAD_BALANCERS);
        if (given != null) {
            TrafficLabels.servicesOf(String.valueOf(given), where).forEach(s -> listed.add("service " + s));
        }
        services.forEach(s -> listed.add("service " + s));
        annotations.put(Annotations.LOAD_BALANCERS, SafeJson.list(listed));
    }

    /**
     * After a stable deploy: waits until each new group is serving, then applies the strategy to the
     * older groups of its cluster. Blocks the calling (engine pool) thread until done.
     *
     * @param cancelled completes when the deploy is cancelled: the disable or enable under way stops
     * @return null when done, else why not (the deploy then fails; older groups are untouched unless
     *     the message says otherwise)
     */
    public static TrafficFailure afterStable(
            KubernetesClient client,
            Console console,
            List<NewGroup> groups,
            TrafficManagement traffic,
            Instant deadline,
            CompletableFuture<?> cancelled) {
        if (traffic.strategy() == Strategy.NONE) {
            return null;
        }
        ServerGroupTraffic switcher = new ServerGroupTraffic(client);
        for (NewGroup g : groups) {
            ResolvedTarget newest = new ResolvedTarget(g.kind(), g.namespace(), g.name(), g.name());
            try {
                TrafficResult serving = switcher.start(
                                TrafficAction.ENABLE, newest, traffic.services(), deadline, console)
                        .result()
                        .join();
                if (!serving.succeeded()) {
                    return new TrafficFailure(
                            serving.failure().reason(),
                            newest.describe() + " is stable but not serving, so the older server groups were left"
                                    + " as they are: " + serving.failure().message());
                }
                List<ServerGroup> older = new Targets(client)
                                .cluster(
                                        g.kind(),
                                        g.namespace(),
                                        g.cluster(),
                                        g.application().isEmpty() ? null : g.application())
                                .stream()
                                .filter(s -> !s.name().equals(g.name()))
                                .toList();
                TrafficFailure failed = retire(client, console, switcher, newest, older, traffic, deadline, cancelled);
                if (failed != null) {
                    return failed;
                }
            } catch (InvalidInputException e) {
                return new TrafficFailure("Invalid", e.getMessage());
            } catch (RuntimeException e) {
                var ce = ClusterErrors.translate(e, "manage the traffic of " + newest.describe());
                return new TrafficFailure(ClusterErrors.reason(ce.status()), ce.getMessage());
            }
        }
        return null;
    }

    private static TrafficFailure retire(
            KubernetesClient client,
            Console console,
            ServerGroupTraffic switcher,
            ResolvedTarget newest,
            List<ServerGroup> older,
            TrafficManagement traffic,
            Instant deadline,
            CompletableFuture<?> cancelled) {
        String strategy = traffic.strategy() == Strategy.REDBLACK ? "Red/black" : "Highlander";
        if (older.isEmpty()) {
            console.line(strategy + ": " + newest.describe() + " is the only server group of its cluster.");
            return null;
        }
        console.line(strategy + ": " + newest.describe() + " is serving; disabling " + older.size() + " older server"
                + " group" + (older.size() == 1 ? "" : "s") + ": "
                + String.join(", ", older.stream().map(ServerGroup::name).toList()) + ".");
        List<RunningTraffic> runs = new ArrayList<>();
        for (ServerGroup s : older) {
            ResolvedTarget t = new ResolvedTarget(newest.kind(), newest.namespace(), s.name(), s.name());
            runs.add(cancellable(
                    switcher.start(TrafficAction.DISABLE, t, traffic.services(), deadline, console), cancelled));
        }
        List<String> problems = new ArrayList<>();
        String reason = "DisableFailed";
        for (int i = 0; i < runs.size(); i++) {
            TrafficResult r = runs.get(i).result().join();
            if (!r.succeeded() && "Deleted".equals(r.failure().reason())) {
                // Gone meanwhile (deleted by someone, or by this deploy before a restart): no traffic to take away.
                console.line(older.get(i).name() + " no longer exists; nothing to disable.");
            } else if (!r.succeeded()) {
                problems.add(r.failure().message());
                reason = "Cancelled".equals(r.failure().reason()) ? "Cancelled" : reason;
            }
        }
        if (!problems.isEmpty()) {
            return new TrafficFailure(reason, String.join("; ", problems));
        }
        for (ServerGroup s : older) {
            var op = client.genericKubernetesResources(newest.kind().context())
                    .inNamespace(newest.namespace())
                    .withName(s.name());
            try {
                if (traffic.strategy() == Strategy.HIGHLANDER) {
                    op.delete();
                    console.line("Deleted " + Targets.label(newest.kind()) + " " + s.name() + " (highlander).");
                } else if (traffic.scaleDown()) {
                    op.patch(TrafficRun.OUR_PATCH, "{\"spec\":{\"replicas\":0}}");
                    console.line("Scaled " + Targets.label(newest.kind()) + " " + s.name() + " down to 0.");
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return null;
    }

    private static RunningTraffic cancellable(RunningTraffic run, CompletableFuture<?> cancelled) {
        cancelled.thenRun(() -> run.cancel("the deploy was cancelled"));
        return run;
    }

    private static ServiceSelector selector(KubernetesClient client, String namespace, String name, String where) {
        try {
            var service =
                    client.services().inNamespace(namespace).withName(name).get();
            if (service == null) {
                throw new InvalidInputException(where + ": traffic Service " + name + " does not exist in namespace "
                        + namespace + "; create it first, or deploy it with these manifests. Nothing was applied.");
            }
            return new ServiceSelector(name, service.getSpec().getSelector());
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(
                    e, "read Service " + name + " in namespace " + namespace, String.valueOf(client.getMasterUrl()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new java.util.LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    /** A JSON list of strings, as Spinnaker writes the annotation. */
    private static final class SafeJson {
        static String list(Set<String> values) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
