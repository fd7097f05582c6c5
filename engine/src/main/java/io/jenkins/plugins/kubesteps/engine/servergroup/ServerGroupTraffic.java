package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Spinnaker's Disable and Enable (Manifest) stages for ReplicaSets and bare Pods: the Services'
 * selector labels are removed from (added to) the pod template and every pod of the group, then
 * the run waits until the Services' EndpointSlices no longer (again) list those pods.
 *
 * <pre>
 * RunningTraffic running = new ServerGroupTraffic(client).start(TrafficRequest.disable(
 *         TargetSpec.dynamic("shop", "replicaSet frontend", Criteria.SECOND_NEWEST, null), List.of(), timeout),
 *         console);
 * running.result().thenAccept(result -> ...);  // or running.cancel("aborted")
 * TrafficHandle saved = running.handle();       // persist; after a restart:
 * new ServerGroupTraffic(client).resume(saved, console);
 * </pre>
 */
public final class ServerGroupTraffic {
    private final KubernetesClient client;

    public ServerGroupTraffic(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Resolves the target (printing how), reads the Services and checks every label change, on the
     * caller's thread and reading only; then relabels and waits on the engine's threads.
     *
     * @throws InvalidInputException bad target or Services (a Deployment, a Service without a
     *     selector, a selector key the workload uses itself, too few server groups, ...); nothing
     *     was changed
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException reading failed; nothing was changed
     */
    public RunningTraffic start(TrafficRequest request, Console console) {
        if (request.timeout().isZero() || request.timeout().isNegative()) {
            throw new InvalidInputException("The timeout must be longer than zero, not " + request.timeout());
        }
        Instant deadline = Instant.now().plus(request.timeout());
        ResolvedTarget target = new Targets(client).resolve(request.target());
        if (request.target().isDynamic()) {
            console.line(target.resolution());
        }
        return start(request.action(), target, request.services(), deadline, console);
    }

    /**
     * As {@link #start(TrafficRequest, Console)} for a target already resolved (deployManifest's
     * red/black strategy calls this for the older groups of a cluster).
     *
     * @param services empty: the target's {@code traffic.spinnaker.io/load-balancers}
     */
    public RunningTraffic start(
            TrafficAction action, ResolvedTarget target, List<String> services, Instant deadline, Console console) {
        return new TrafficRun(client, console, plan(action, target, services, deadline)).start();
    }

    /** Relabels again (idempotent) and waits, for the same target as before the restart. */
    public RunningTraffic resume(TrafficHandle handle, Console console) {
        console.line("Resuming: " + handle.action().doing().toLowerCase(java.util.Locale.ROOT) + " "
                + handle.target().describe() + ".");
        return new TrafficRun(client, console, handle).start();
    }

    TrafficHandle plan(TrafficAction action, ResolvedTarget target, List<String> services, Instant deadline) {
        String kind = target.kind().kind();
        if ("Deployment".equals(kind) && "apps".equals(target.kind().group())) {
            throw new InvalidInputException(target.describe() + " is a Deployment: taking the Services' labels off"
                    + " its pod template would start a rollout that replaces every pod (Spinnaker does exactly that)."
                    + " Deploy versioned ReplicaSets instead (deployManifest with strategy redblack) and disable or"
                    + " enable those, or scale the Deployment.");
        }
        if (!("ReplicaSet".equals(kind) && "apps".equals(target.kind().group()))
                && !("Pod".equals(kind) && target.kind().group().isEmpty())) {
            throw new InvalidInputException(target.describe() + " is a " + kind + "; only ReplicaSets and Pods can"
                    + " be disabled or enabled");
        }
        GenericKubernetesResource live = new Targets(client).get(target.kind(), target.namespace(), target.name());
        if (live == null) {
            throw new InvalidInputException(target.describe() + " does not exist; check the name and namespace");
        }
        List<String> names = services.isEmpty() ? annotated(live, target) : services;
        List<ServiceSelector> selectors = new ArrayList<>();
        for (String name : names) {
            selectors.add(selector(target.namespace(), name, target));
        }
        boolean pod = "Pod".equals(kind);
        Set<String> ownKeys = pod ? Set.of() : LiveMaps.selectorKeys(live);
        Map<String, String> ownLabels =
                pod ? LiveMaps.strings(live.getMetadata().getLabels()) : LiveMaps.templateLabels(live);
        Map<String, String> labels = TrafficLabels.of(selectors, target.describe(), ownKeys, ownLabels);
        return new TrafficHandle(action, target, selectors, labels, deadline, List.of());
    }

    private static List<String> annotated(GenericKubernetesResource live, ResolvedTarget target) {
        Map<String, String> a = live.getMetadata().getAnnotations();
        String value = a == null ? null : a.get(Annotations.LOAD_BALANCERS);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(target.describe() + " names no Services (annotation "
                    + Annotations.LOAD_BALANCERS + ") and none were given; name them (services: ['my-svc'], or"
                    + " --service my-svc), or deploy it with trafficServices");
        }
        List<String> names = TrafficLabels.servicesOf(value, target.describe());
        if (names.isEmpty()) {
            throw new InvalidInputException(target.describe() + ": annotation " + Annotations.LOAD_BALANCERS
                    + " lists no Service; name the Services to " + "use");
        }
        return names;
    }

    private ServiceSelector selector(String namespace, String name, ResolvedTarget target) {
        Service service;
        try {
            service = client.services().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(
                    e, "read Service " + name + " in namespace " + namespace, String.valueOf(client.getMasterUrl()));
        }
        if (service == null) {
            throw new InvalidInputException("Service " + name + " (for " + target.describe() + ") does not exist in"
                    + " namespace " + namespace + "; check its name, or create it first");
        }
        return new ServiceSelector(name, service.getSpec().getSelector());
    }
}
