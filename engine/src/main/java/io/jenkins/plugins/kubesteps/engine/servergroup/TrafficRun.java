package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployThreads;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One disable or enable from the first label changed to its result. The pod watch starts before
 * the template is patched, so a pod the ReplicaSet creates from the old template in between is
 * seen and relabelled like the others; the run ends when every pod's labels are right and the
 * Services' EndpointSlices no longer (or again) list the group's pods.
 */
final class TrafficRun implements RunningTraffic {
    private static final int PATCHES_IN_FLIGHT = 8;
    /**
     * A JSON merge patch under the deploy's field manager name, so that deploying an earlier version
     * again may take back the fields these steps changed (see the deploy's Applier).
     */
    static final PatchContext OUR_PATCH = new PatchContext.Builder()
            .withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(KubeLabels.FIELD_MANAGER)
            .build();

    private enum Phase {
        STARTING,
        WAITING,
        ENDED
    }

    private final KubernetesClient client;
    private final Console console;
    private final TrafficHandle plan;
    private final List<String> warnings;
    private final List<String> serviceNames;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);
    private final CompletableFuture<TrafficResult> result = new CompletableFuture<>();
    /** Every pod of the group seen during the run, so a deleted one still listed is not missed. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    /** pod name → the resourceVersion a patch was sent for (not sent again for the same version). */
    private final Map<String, String> patchedFrom = new ConcurrentHashMap<>();

    private final Instant started = Instant.now();
    private volatile String ownerUid;
    private volatile boolean templateWasInPlace;
    private volatile boolean podsWereInPlace;
    private volatile TrafficWatch watch;
    private volatile ScheduledFuture<?> timer;

    TrafficRun(KubernetesClient client, Console console, TrafficHandle plan) {
        this.client = client;
        this.console = console;
        this.plan = plan;
        this.warnings = new CopyOnWriteArrayList<>(plan.warnings());
        this.serviceNames = plan.services().stream().map(ServiceSelector::name).toList();
    }

    private ResolvedTarget target() {
        return plan.target();
    }

    private boolean isPod() {
        return "Pod".equals(target().kind().kind());
    }

    /** Relabels and waits on the engine's threads. */
    TrafficRun start() {
        long left = Duration.between(Instant.now(), plan.deadline()).toMillis();
        timer = DeployThreads.TIMERS.schedule(this::timedOut, Math.max(0, left), TimeUnit.MILLISECONDS);
        DeployThreads.WORK.execute(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                fail(e, "change the labels of " + target().describe());
            }
        });
        return this;
    }

    private void run() {
        GenericKubernetesResource live =
                new Targets(client).get(target().kind(), target().namespace(), target().name());
        if (live == null) {
            end(DeployStatus.FAILED, new TrafficFailure("Deleted", target().describe() + " no longer exists"));
            return;
        }
        ownerUid = live.getMetadata().getUid();
        Map<String, String> podLabels = isPod() ? Map.of() : matchLabels(live);
        TrafficWatch w = new TrafficWatch(
                client, target().namespace(), podLabels, isPod() ? target().name() : null, serviceNames);
        watch = w;
        w.start(this::evaluate, problem -> fail(problem, "watch the pods and EndpointSlices"))
                .join();
        if (phase.get() == Phase.ENDED) {
            // cancelled, detached or timed out meanwhile: stop() may have run before the watch existed
            w.close();
            return;
        }
        boolean templateInPlace =
                isPod() || TrafficLabels.inPlace(plan.action(), plan.labels(), LiveMaps.templateLabels(live));
        List<Pod> pods = w.pods().stream().filter(this::ofTheGroup).toList();
        templateWasInPlace = templateInPlace;
        podsWereInPlace = pods.stream()
                .allMatch(p -> TrafficLabels.inPlace(
                        plan.action(), plan.labels(), p.getMetadata().getLabels()));
        announce(pods.size());
        if (!templateInPlace) {
            patch(
                    () -> client.genericKubernetesResources(target().kind().context())
                            .inNamespace(target().namespace())
                            .withName(target().name()),
                    Map.of("spec", Map.of("template", labelPatch())));
        }
        if (phase.compareAndSet(Phase.STARTING, Phase.WAITING)) {
            evaluate();
        }
    }

    private void evaluate() {
        TrafficWatch w = watch;
        if (phase.get() != Phase.WAITING || w == null) {
            return;
        }
        List<Pod> pods = w.pods().stream().filter(this::ofTheGroup).toList();
        List<Pod> toPatch = new ArrayList<>();
        boolean labelsDone = true;
        for (Pod p : pods) {
            seen.add(p.getMetadata().getName());
            if (!TrafficLabels.inPlace(
                    plan.action(), plan.labels(), p.getMetadata().getLabels())) {
                labelsDone = false;
                String rv = p.getMetadata().getResourceVersion();
                if (!rv.equals(patchedFrom.put(p.getMetadata().getName(), rv))) {
                    toPatch.add(p);
                }
            }
        }
        if (!toPatch.isEmpty()) {
            patchPods(toPatch);
        }
        if (labelsDone && trafficDone(pods, w.slices()).isEmpty()) {
            end(DeployStatus.SUCCEEDED, null);
        }
    }

    private void announce(int pods) {
        String where = target().describe() + " (" + services() + ")";
        if (templateWasInPlace && podsWereInPlace) {
            console.line(where + " is already " + plan.action().done() + "; checking the EndpointSlices.");
        } else {
            console.line(plan.action().doing() + " " + where + ": "
                    + (plan.action() == TrafficAction.DISABLE ? "removing" : "adding") + " label"
                    + (plan.labels().size() == 1 ? " " : "s ")
                    + String.join(", ", plan.labels().keySet())
                    + (plan.action() == TrafficAction.DISABLE ? " from " : " to ")
                    + (isPod() ? "the pod." : "its pod template and " + pods + " pod" + (pods == 1 ? "." : "s.")));
        }
    }

    /** "Service web" or "Services web, web-canary". */
    private String services() {
        return "Service" + (serviceNames.size() == 1 ? " " : "s ") + String.join(", ", serviceNames);
    }

    /**
     * What keeps the run from ending: for a disable, the group's pods a Service still lists; for an
     * enable, the running pods a Service does not list yet. Empty when done.
     */
    private List<String> trafficDone(List<Pod> pods, List<EndpointSlice> slices) {
        List<String> pending = new ArrayList<>();
        for (String service : serviceNames) {
            Set<String> listed = new TreeSet<>();
            for (EndpointSlice s : slices) {
                if (service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name"))
                        && s.getEndpoints() != null) {
                    for (Endpoint e : s.getEndpoints()) {
                        if (e.getTargetRef() != null
                                && "Pod".equals(e.getTargetRef().getKind())) {
                            listed.add(e.getTargetRef().getName());
                        }
                    }
                }
            }
            Set<String> wrong = new TreeSet<>();
            if (plan.action() == TrafficAction.DISABLE) {
                listed.stream().filter(seen::contains).forEach(wrong::add);
            } else {
                pods.stream()
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                                && p.getStatus() != null
                                && p.getStatus().getPodIP() != null)
                        .map(p -> p.getMetadata().getName())
                        .filter(n -> !listed.contains(n))
                        .forEach(wrong::add);
            }
            if (!wrong.isEmpty()) {
                pending.add(service
                        + (plan.action() == TrafficAction.DISABLE ? " still lists " : " does not list ")
                        + String.join(", ", wrong));
            }
        }
        return pending;
    }

    private boolean ofTheGroup(Pod p) {
        if (isPod()) {
            return target().name().equals(p.getMetadata().getName());
        }
        List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
        return owners != null
                && owners.stream()
                        .anyMatch(o -> Boolean.TRUE.equals(o.getController())
                                && o.getUid().equals(ownerUid));
    }

    /** A few patches at a time on the pool; each pod's update event brings the next evaluation. */
    private void patchPods(List<Pod> pods) {
        int chunks = Math.min(PATCHES_IN_FLIGHT, pods.size());
        for (int c = 0; c < chunks; c++) {
            List<Pod> mine = new ArrayList<>();
            for (int i = c; i < pods.size(); i += chunks) {
                mine.add(pods.get(i));
            }
            DeployThreads.WORK.execute(() -> {
                for (Pod p : mine) {
                    if (phase.get() == Phase.ENDED) {
                        return;
                    }
                    try {
                        patch(
                                () -> client.pods()
                                        .inNamespace(target().namespace())
                                        .withName(p.getMetadata().getName()),
                                labelPatch());
                    } catch (RuntimeException e) {
                        fail(e, "relabel pod " + p.getMetadata().getName());
                    }
                }
            });
        }
    }

    private Map<String, Object> labelPatch() {
        return Map.of("metadata", Map.of("labels", TrafficLabels.patch(plan.action(), plan.labels())));
    }

    /** A JSON merge patch; an object deleted meanwhile is left alone. */
    private void patch(
            java.util.function.Supplier<? extends io.fabric8.kubernetes.client.dsl.Resource<?>> resource,
            Map<String, Object> body) {
        try {
            resource.get().patch(OUR_PATCH, SafeYaml.serialization().asJson(body));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void timedOut() {
        TrafficWatch w = watch;
        List<String> pending = new ArrayList<>();
        if (w != null) {
            List<Pod> pods = w.pods().stream().filter(this::ofTheGroup).toList();
            pods.stream()
                    .filter(p -> !TrafficLabels.inPlace(
                            plan.action(), plan.labels(), p.getMetadata().getLabels()))
                    .forEach(p -> pending.add("pod " + p.getMetadata().getName() + " still has the old labels"));
            pending.addAll(trafficDone(pods, w.slices()));
        }
        end(
                DeployStatus.TIMED_OUT,
                new TrafficFailure(
                        "TimedOut",
                        target().describe() + " was not " + plan.action().done() + " before the deadline"
                                + (pending.isEmpty() ? "" : ": " + String.join("; ", pending))
                                + ". Is the endpoint slice controller of the cluster running?"));
    }

    private void fail(Throwable problem, String action) {
        ClusterException e = ClusterErrors.translate(problem, action, String.valueOf(client.getMasterUrl()));
        end(DeployStatus.FAILED, new TrafficFailure(ClusterErrors.reason(e.status()), e.getMessage()));
    }

    private void end(DeployStatus status, TrafficFailure failure) {
        Phase from = phase.getAndSet(Phase.ENDED);
        if (from == Phase.ENDED) {
            return;
        }
        stop();
        long ms = Duration.between(started, Instant.now()).toMillis();
        if (status == DeployStatus.SUCCEEDED) {
            boolean one = serviceNames.size() == 1;
            console.line(services()
                    + (plan.action() == TrafficAction.DISABLE
                            ? (one ? " no longer lists" : " no longer list") + " any pod of "
                            : (one ? " lists" : " list") + " every pod of ")
                    + target().describe() + " (" + seen.size() + " pod" + (seen.size() == 1 ? "" : "s") + ", "
                    + ms + " ms).");
        } else {
            console.line(target().describe() + ": " + status + ": " + failure.message());
        }
        boolean inPlace = templateWasInPlace && podsWereInPlace;
        result.complete(
                new TrafficResult(status, List.of(target()), serviceNames, inPlace, failure, List.copyOf(warnings)));
    }

    private void stop() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        TrafficWatch w = watch;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public TrafficHandle handle() {
        return new TrafficHandle(
                plan.action(), target(), plan.services(), plan.labels(), plan.deadline(), List.copyOf(warnings));
    }

    @Override
    public CompletableFuture<TrafficResult> result() {
        return result;
    }

    @Override
    public void cancel(String reason) {
        end(
                DeployStatus.CANCELLED,
                new TrafficFailure(
                        "Cancelled",
                        (reason == null || reason.isBlank() ? "cancelled" : reason)
                                + "; labels already changed stay changed"));
    }

    @Override
    public void detach() {
        if (phase.getAndSet(Phase.ENDED) != Phase.ENDED) {
            stop();
            console.line("Stopped waiting for " + target().describe() + " for now.");
        }
    }

    private static Map<String, String> matchLabels(GenericKubernetesResource live) {
        return LiveMaps.strings(LiveMaps.path(live, "spec", "selector", "matchLabels"));
    }
}
