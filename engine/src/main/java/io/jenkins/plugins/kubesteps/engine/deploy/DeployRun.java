package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployThreads;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.FailureDetail;
import io.jenkins.plugins.kubesteps.engine.kube.Generations;
import io.jenkins.plugins.kubesteps.engine.kube.Stability;
import io.jenkins.plugins.kubesteps.engine.kube.StabilityWatch;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import io.jenkins.plugins.kubesteps.engine.servergroup.DeployTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficFailure;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One deploy from its first applied object to its result. Applying runs on {@link
 * DeployThreads#WORK}; waiting is driven by watch events and a deadline timer; the first event
 * that decides the outcome wins, and the end (failure detail, pruning old versions) runs on the
 * pool again, never on an informer thread.
 */
final class DeployRun implements RunningDeploy, StabilityWatch.Listener {
    private enum Phase {
        APPLYING,
        WAITING,
        ENDING,
        DETACHED
    }

    /** How a deploy ends; {@code culprits} are the indexes of the objects the failure is about. */
    record Ending(DeployStatus status, String reason, String message, List<Integer> culprits) {}

    private final KubernetesClient client;
    private final Console console;
    private final Instant deadline;
    private final boolean waitForLoadBalancers;
    private final List<TrackedObject> objects;
    private final List<String> warnings;
    private final TrafficManagement traffic;
    private final Map<String, Integer> indexByKey = new ConcurrentHashMap<>();
    private final Map<Integer, String> progress = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Object>> lastLive = new ConcurrentHashMap<>();
    private final Generations generations = new Generations();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.APPLYING);
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final CompletableFuture<DeployResult> result = new CompletableFuture<>();
    private volatile String cancelReason;
    /** Every object was written; until then a handle cannot be resumed (the manifests are not kept). */
    private volatile boolean allApplied;

    private volatile StabilityWatch watch;
    private volatile ScheduledFuture<?> timer;

    DeployRun(
            KubernetesClient client,
            Console console,
            Instant deadline,
            boolean waitForLoadBalancers,
            List<TrackedObject> objects,
            List<String> earlierWarnings,
            TrafficManagement traffic) {
        this.client = client;
        this.traffic = traffic;
        this.console = console;
        this.deadline = deadline;
        this.waitForLoadBalancers = waitForLoadBalancers;
        this.objects = new ArrayList<>(objects);
        this.warnings = new CopyOnWriteArrayList<>(earlierWarnings);
    }

    /** A resumed deploy: everything was applied before the handle was taken, with these generations. */
    DeployRun resumed(Map<String, Long> appliedGenerations) {
        generations.restore(appliedGenerations);
        allApplied = true;
        return this;
    }

    void warn(String warning) {
        warnings.add(warning);
        console.warning(warning);
    }

    /** Applies {@code plan} (index i of the plan is object i) on the pool, then waits unless told not to. */
    void applyThenWait(List<Planned> plan, Applier applier, boolean waitForStable) {
        DeployThreads.WORK.execute(() -> {
            Ending ending = new ApplySequence(client, applier, console, deadline, cancelled, this::applied).run(plan);
            if (ending == null && !cancelled.isDone()) {
                allApplied = true;
            }
            if (ending != null) {
                end(ending);
            } else if (cancelReason != null) {
                end(cancelEnding());
            } else if (!waitForStable) {
                console.line("Applied " + plan.size() + " objects; not waiting for them to become stable.");
                end(new Ending(DeployStatus.SUCCEEDED, null, null, List.of()));
            } else {
                startWaiting();
            }
        });
    }

    private synchronized void applied(int index, GenericKubernetesResource live) {
        TrackedObject o = objects.get(index);
        TrackedObject written =
                o.with(o.object().withName(live.getMetadata().getName()).withStatus(DeployedObject.APPLIED));
        objects.set(index, written);
        generations.written(written.key(), live);
    }

    /** Starts watching every object that has a stability rule; the others are stable once applied. */
    void startWaiting() {
        if (!phase.compareAndSet(Phase.APPLYING, Phase.WAITING)) {
            return;
        }
        List<TrackedObject> watched = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < objects.size(); i++) {
                TrackedObject o = objects.get(i);
                if (Stability.needsWatch(o.kind(), waitForLoadBalancers)) {
                    indexByKey.put(o.key(), i);
                    watched.add(o);
                } else {
                    objects.set(i, o.with(o.object().withStatus(DeployedObject.STABLE)));
                }
            }
        }
        if (watched.isEmpty()) {
            end(new Ending(DeployStatus.SUCCEEDED, null, null, List.of()));
            return;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        console.line("Waiting for " + watched.size() + " object" + (watched.size() == 1 ? "" : "s")
                + " to become stable (" + Math.max(0, left.toSeconds()) + " s left).");
        if (phase.get() != Phase.WAITING) {
            return; // detached or ended meanwhile: no watch or timer may outlive that
        }
        StabilityWatch w = new StabilityWatch(client, watched, this);
        watch = w;
        timer = DeployThreads.TIMERS.schedule(
                () -> end(timeoutEnding()), Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        w.start().whenComplete((v, problem) -> {
            if (problem != null) {
                onFailure(problem);
            }
        });
        if (phase.get() != Phase.WAITING) {
            stopWatching();
        }
    }

    @Override
    public void onChange(String key, GenericKubernetesResource live) {
        Integer index = indexByKey.get(key);
        if (index == null || phase.get() != Phase.WAITING) {
            return;
        }
        if (generations.older(key, live)) {
            return; // a list served from the API server's cache may predate the apply
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = SafeYaml.serialization().convertValue(live, Map.class);
        lastLive.put(index, body);
        TrackedObject o = objects.get(index);
        Stability.Readiness r = Stability.of(o.kind().kind(), body);
        String previous = progress.put(index, r.progress());
        if (!r.progress().equals(previous)) {
            console.line(o.kind().slashName(o.object().name()) + ": " + r.progress());
            if (r.warning() != null) {
                warn(o.object().describe() + ": " + r.warning());
            }
        }
        if (r.state() == Stability.State.FAILED) {
            end(new Ending(
                    DeployStatus.FAILED, r.reason(), o.object().describe() + ": " + r.progress(), List.of(index)));
            return;
        }
        boolean allStable;
        synchronized (this) {
            String status = r.state() == Stability.State.STABLE ? DeployedObject.STABLE : DeployedObject.APPLIED;
            objects.set(index, o.with(o.object().withStatus(status)));
            allStable = objects.stream()
                    .allMatch(t -> DeployedObject.STABLE.equals(t.object().status()));
        }
        if (allStable) {
            end(new Ending(DeployStatus.SUCCEEDED, null, null, List.of()));
        }
    }

    @Override
    public void onDeleted(String key) {
        Integer index = indexByKey.get(key);
        if (index != null) {
            end(new Ending(
                    DeployStatus.FAILED,
                    "Deleted",
                    objects.get(index).object().describe() + " was deleted while waiting for it",
                    List.of(index)));
        }
    }

    @Override
    public void onFailure(Throwable problem) {
        ClusterException e =
                ClusterErrors.translate(problem, "watch the deployed objects", String.valueOf(client.getMasterUrl()));
        // a watch the account may not open is a cluster problem (exit code 3), not a failed deploy
        String reason = e.status() >= 400 ? Applier.reason(e.status()) : "Error";
        end(new Ending(DeployStatus.FAILED, reason, e.getMessage(), List.of()));
    }

    @Override
    public void cancel(String reason) {
        cancelReason = reason == null || reason.isBlank() ? "cancelled" : reason;
        cancelled.complete(null);
        if (phase.get() == Phase.WAITING) {
            end(cancelEnding());
        }
        // while applying, the apply loop stops after the object it is writing and ends the deploy
    }

    @Override
    public void detach() {
        if (phase.compareAndSet(Phase.WAITING, Phase.DETACHED) || phase.compareAndSet(Phase.APPLYING, Phase.DETACHED)) {
            cancelled.complete(null);
            stopWatching();
            console.line("Stopped waiting for the deploy for now; its objects stay as they are.");
        }
    }

    @Override
    public synchronized DeployHandle handle() {
        return new DeployHandle(
                List.copyOf(objects),
                deadline,
                waitForLoadBalancers,
                !allApplied,
                warnings,
                traffic,
                generations.snapshot());
    }

    @Override
    public CompletableFuture<DeployResult> result() {
        return result;
    }

    private Ending cancelEnding() {
        return new Ending(DeployStatus.CANCELLED, "Cancelled", cancelReason, List.of());
    }

    private Ending timeoutEnding() {
        List<Integer> unstable = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < objects.size(); i++) {
                if (!DeployedObject.STABLE.equals(objects.get(i).object().status())) {
                    unstable.add(i);
                }
            }
        }
        return new Ending(DeployStatus.TIMED_OUT, "TimedOut", "not stable before the deadline", unstable);
    }

    void end(Ending ending) {
        Phase from = phase.get();
        if ((from != Phase.APPLYING && from != Phase.WAITING) || !phase.compareAndSet(from, Phase.ENDING)) {
            return;
        }
        stopWatching();
        DeployThreads.WORK.execute(() -> finish(ending, from == Phase.WAITING));
    }

    private void finish(Ending ending, boolean waited) {
        try {
            DeployFailure failure = null;
            DeployStatus status = ending.status();
            if (status == DeployStatus.SUCCEEDED) {
                TrafficFailure trafficFailure =
                        DeployTraffic.afterStable(client, console, newGroups(), traffic, deadline, cancelled);
                if (trafficFailure != null) {
                    status = "Cancelled".equals(trafficFailure.reason()) ? DeployStatus.CANCELLED : DeployStatus.FAILED;
                    failure = new DeployFailure(trafficFailure.reason(), trafficFailure.message(), List.of());
                } else {
                    VersionPruner.prune(client, snapshot(), console, this::warn);
                }
            } else {
                failure = failure(ending, waited);
            }
            DeployResult done = new DeployResult(
                    status, snapshot().stream().map(TrackedObject::object).toList(), failure, warnings);
            DeployReport.print(console, done);
            result.complete(done);
        } catch (RuntimeException | LinkageError e) {
            String message = "Could not finish the deploy: " + e;
            console.line(message);
            result.complete(new DeployResult(
                    DeployStatus.FAILED,
                    snapshot().stream().map(TrackedObject::object).toList(),
                    new DeployFailure("Error", message, List.of()),
                    warnings));
        }
    }

    private DeployFailure failure(Ending ending, boolean waited) {
        String mark = ending.status() == DeployStatus.FAILED ? DeployedObject.FAILED : DeployedObject.UNSTABLE;
        StringBuilder message = new StringBuilder(ending.message() == null ? "" : ending.message());
        List<DeployedObject> concerned = new ArrayList<>();
        FailureDetail detail = new FailureDetail(client);
        for (int index : ending.culprits()) {
            TrackedObject o = objects.get(index);
            if (!waited || DeployedObject.NOT_APPLIED.equals(o.object().status())) {
                concerned.add(o.object());
                continue;
            }
            synchronized (this) {
                objects.set(index, o.with(o.object().withStatus(mark)));
            }
            concerned.add(objects.get(index).object());
            if (ending.status() == DeployStatus.TIMED_OUT) {
                String last = progress.getOrDefault(index, "no status seen yet");
                message.append("\n").append(o.object().describe()).append(": ").append(last);
            }
            Map<String, Object> live = lastLive.getOrDefault(index, new HashMap<>());
            for (String line : detail.explain(o.object(), live)) {
                message.append("\n  ").append(line);
            }
        }
        if (ending.status() == DeployStatus.CANCELLED || ending.status() == DeployStatus.FAILED && !waited) {
            message.append("\n").append(DeployReport.appliedSummary(snapshot()));
        }
        return new DeployFailure(ending.reason(), message.toString(), concerned);
    }

    /** The deployed ReplicaSets, whose clusters a traffic strategy acts on. */
    private List<DeployTraffic.NewGroup> newGroups() {
        return snapshot().stream()
                .filter(o ->
                        DeployTraffic.applies(o.kind().apiVersion(), o.kind().kind()))
                .map(o -> new DeployTraffic.NewGroup(
                        o.kind(),
                        o.object().namespace(),
                        o.object().name(),
                        o.object().cluster(),
                        o.object().application()))
                .toList();
    }

    private synchronized List<TrackedObject> snapshot() {
        return List.copyOf(objects);
    }

    private void stopWatching() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        StabilityWatch w = watch;
        if (w != null) {
            w.close();
        }
    }
}
