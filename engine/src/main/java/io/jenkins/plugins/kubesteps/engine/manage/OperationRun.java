package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.DeployThreads;
import io.jenkins.plugins.kubesteps.engine.kube.FailureDetail;
import io.jenkins.plugins.kubesteps.engine.kube.Generations;
import io.jenkins.plugins.kubesteps.engine.kube.Stability;
import io.jenkins.plugins.kubesteps.engine.kube.StabilityWatch;
import io.jenkins.plugins.kubesteps.engine.manage.OperationHandle.WaitMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One lifecycle operation from its first change to its result, whatever the operation: the change
 * runs on {@link DeployThreads#WORK}, then watch events (one informer per kind and namespace, as a
 * deploy waits) decide when every target is stable or gone; a deadline timer ends the wait. The
 * first event that decides the outcome wins.
 */
final class OperationRun implements RunningOperation, StabilityWatch.Listener {
    private enum Phase {
        ACTING,
        WAITING,
        ENDING,
        DETACHED
    }

    record Ending(OperationStatus status, String reason, String message) {}

    private final KubernetesClient client;
    private final Console console;
    private final String operation;
    private final List<Target> targets;
    private final WaitMode waitMode;
    private final Instant deadline;
    private final List<String> warnings;
    private final Map<String, Integer> indexByKey = new ConcurrentHashMap<>();
    private final Set<Integer> done = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> progress = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Object>> lastLive = new ConcurrentHashMap<>();
    private final Map<Integer, List<String>> finalizers = new ConcurrentHashMap<>();
    private final Generations generations = new Generations();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.ACTING);
    private final CompletableFuture<OperationResult> result = new CompletableFuture<>();
    private volatile String cancelReason;
    private volatile boolean allActed;
    private volatile StabilityWatch watch;
    private volatile ScheduledFuture<?> timer;

    OperationRun(
            KubernetesClient client,
            Console console,
            String operation,
            List<Target> targets,
            WaitMode waitMode,
            Instant deadline,
            List<String> earlierWarnings) {
        this.client = client;
        this.console = console;
        this.operation = operation;
        this.targets = List.copyOf(targets);
        this.waitMode = waitMode;
        this.deadline = deadline;
        this.warnings = new CopyOnWriteArrayList<>(earlierWarnings);
    }

    /** Makes the change on every target on the pool, then waits. */
    void actThenWait(Action action) {
        DeployThreads.WORK.execute(() -> {
            for (Target t : targets) {
                if (cancelReason != null) {
                    end(cancelEnding());
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    end(new Ending(
                            OperationStatus.TIMED_OUT,
                            "TimedOut",
                            "the timeout passed before " + t.describe() + " was changed"));
                    return;
                }
                try {
                    GenericKubernetesResource changed = action.change().apply(t, console);
                    generations.written(t.key(), changed);
                } catch (KubernetesClientException e) {
                    ClusterException ce = ClusterErrors.translate(
                            e, operation + " " + t.describe(), String.valueOf(client.getMasterUrl()));
                    end(new Ending(OperationStatus.FAILED, ClusterErrors.reason(ce.status()), ce.getMessage()));
                    return;
                } catch (EngineException e) {
                    String reason = e instanceof ClusterException ce ? ClusterErrors.reason(ce.status()) : "Invalid";
                    end(new Ending(OperationStatus.FAILED, reason, e.getMessage()));
                    return;
                } catch (RuntimeException e) {
                    end(new Ending(
                            OperationStatus.FAILED, "Error", "Could not " + operation + " " + t.describe() + ": " + e));
                    return;
                }
            }
            allActed = true;
            if (cancelReason != null) {
                end(cancelEnding());
            } else {
                startWaiting();
            }
        });
    }

    /** A resumed run: everything was changed before the handle was taken. */
    OperationRun resumed(Map<String, Long> changedGenerations) {
        generations.restore(changedGenerations);
        allActed = true;
        return this;
    }

    void startWaiting() {
        if (!phase.compareAndSet(Phase.ACTING, Phase.WAITING)) {
            return;
        }
        if (waitMode == WaitMode.NONE || targets.isEmpty()) {
            end(new Ending(OperationStatus.SUCCEEDED, null, null));
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            indexByKey.put(targets.get(i).key(), i);
        }
        Duration left = Duration.between(Instant.now(), deadline);
        console.line("Waiting for " + OperationReport.plural(targets.size()) + " to "
                + (waitMode == WaitMode.GONE ? "be gone" : "become stable") + " (" + Math.max(0, left.toSeconds())
                + " s left).");
        StabilityWatch w =
                new StabilityWatch(client, targets.stream().map(Target::tracked).toList(), this);
        watch = w;
        timer = DeployThreads.TIMERS.schedule(
                () -> end(timeoutEnding()), Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        w.start().whenComplete((v, problem) -> {
            if (problem != null) {
                onFailure(problem);
            } else if (waitMode == WaitMode.GONE) {
                DeployThreads.WORK.execute(this::checkGone);
            }
        });
        if (phase.get() != Phase.WAITING) {
            stopWatching();
        }
    }

    /** Objects deleted before the informer listed send no event: ask for each once it has. */
    private void checkGone() {
        for (int i = 0; i < targets.size() && phase.get() == Phase.WAITING; i++) {
            Target t = targets.get(i);
            if (done.contains(i)) {
                continue;
            }
            try {
                var op = client.genericKubernetesResources(t.kind().context());
                GenericKubernetesResource live = (t.namespace().isEmpty() ? op : op.inNamespace(t.namespace()))
                        .withName(t.name())
                        .get();
                if (live == null || replaced(t, live)) {
                    gone(i);
                }
            } catch (KubernetesClientException e) {
                onFailure(e);
                return;
            }
        }
    }

    @Override
    public void onChange(String key, GenericKubernetesResource live) {
        Integer index = indexByKey.get(key);
        if (index == null || phase.get() != Phase.WAITING) {
            return;
        }
        if (waitMode == WaitMode.GONE) {
            if (replaced(t(index), live)) {
                gone(index);
            } else {
                noteFinalizers(index, live);
            }
            return;
        }
        if (generations.older(key, live)) {
            return; // a list served from the API server's cache may predate the change
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = SafeYaml.serialization().convertValue(live, Map.class);
        lastLive.put(index, body);
        Stability.Readiness r = Stability.of(t(index).kind().kind(), body);
        String previous = progress.put(index, r.progress());
        if (!r.progress().equals(previous)) {
            console.line(t(index).kind().slashName(t(index).name()) + ": " + r.progress());
            if (r.warning() != null) {
                warn(t(index).describe() + ": " + r.warning());
            }
        }
        if (r.state() == Stability.State.FAILED) {
            end(new Ending(OperationStatus.FAILED, r.reason(), t(index).describe() + ": " + r.progress()));
        } else if (r.state() == Stability.State.STABLE) {
            markDone(index);
        } else {
            done.remove(index);
        }
    }

    /** Another object of the same name: the target itself is gone. */
    private static boolean replaced(Target target, GenericKubernetesResource live) {
        return target.uid() != null && !target.uid().equals(live.getMetadata().getUid());
    }

    private void noteFinalizers(int index, GenericKubernetesResource live) {
        List<String> now = live.getMetadata().getFinalizers() == null
                ? List.of()
                : List.copyOf(live.getMetadata().getFinalizers());
        List<String> before = finalizers.put(index, now);
        if (!now.isEmpty() && live.getMetadata().getDeletionTimestamp() != null && !now.equals(before)) {
            console.line(t(index).describe() + " is being deleted; finalizers hold it: " + String.join(", ", now)
                    + (now.contains("foregroundDeletion") ? " (foreground: the objects it owns go first)" : ""));
        }
    }

    private void gone(int index) {
        if (!done.contains(index)) {
            console.line(t(index).describe() + " is gone.");
        }
        markDone(index);
    }

    private void markDone(int index) {
        done.add(index);
        if (done.size() == targets.size()) {
            end(new Ending(OperationStatus.SUCCEEDED, null, null));
        }
    }

    @Override
    public void onDeleted(String key) {
        Integer index = indexByKey.get(key);
        if (index == null) {
            return;
        }
        if (waitMode == WaitMode.GONE) {
            gone(index);
        } else {
            end(new Ending(
                    OperationStatus.FAILED, "Deleted", t(index).describe() + " was deleted while waiting for it"));
        }
    }

    @Override
    public void onFailure(Throwable problem) {
        ClusterException e = ClusterErrors.translate(
                problem, "watch " + OperationReport.plural(targets.size()), String.valueOf(client.getMasterUrl()));
        end(new Ending(
                OperationStatus.FAILED,
                e.status() >= 400 ? ClusterErrors.reason(e.status()) : "Error",
                e.getMessage()));
    }

    @Override
    public void cancel(String reason) {
        cancelReason = reason == null || reason.isBlank() ? "cancelled" : reason;
        if (phase.get() == Phase.WAITING) {
            end(cancelEnding());
        }
        // while acting, the loop stops before the next target and ends the run
    }

    @Override
    public void detach() {
        if (phase.compareAndSet(Phase.WAITING, Phase.DETACHED) || phase.compareAndSet(Phase.ACTING, Phase.DETACHED)) {
            stopWatching();
            console.line("Stopped waiting for the " + operation + " for now.");
        }
    }

    @Override
    public OperationHandle handle() {
        return new OperationHandle(operation, targets, waitMode, generations.snapshot(), deadline, !allActed, warnings);
    }

    @Override
    public CompletableFuture<OperationResult> result() {
        return result;
    }

    void warn(String warning) {
        warnings.add(warning);
        console.warning(warning);
    }

    private Target t(int index) {
        return targets.get(index);
    }

    private Ending cancelEnding() {
        return new Ending(OperationStatus.CANCELLED, "Cancelled", cancelReason);
    }

    private Ending timeoutEnding() {
        StringBuilder message = new StringBuilder("not ")
                .append(waitMode == WaitMode.GONE ? "gone" : "stable")
                .append(" before the timeout:");
        for (int i = 0; i < targets.size(); i++) {
            if (done.contains(i)) {
                continue;
            }
            message.append("\n").append(t(i).describe());
            if (waitMode == WaitMode.GONE) {
                List<String> held = finalizers.getOrDefault(i, List.of());
                message.append(OperationReport.stillThere(held));
            } else {
                message.append(": ").append(progress.getOrDefault(i, "no status seen yet"));
            }
        }
        return new Ending(OperationStatus.TIMED_OUT, "TimedOut", message.toString());
    }

    void end(Ending ending) {
        Phase from = phase.get();
        if ((from != Phase.ACTING && from != Phase.WAITING) || !phase.compareAndSet(from, Phase.ENDING)) {
            return;
        }
        stopWatching();
        DeployThreads.WORK.execute(() -> finish(ending));
    }

    private void finish(Ending ending) {
        List<TargetRef> refs = targets.stream().map(Target::ref).toList();
        OperationResult outcome;
        try {
            String message = ending.message();
            if (ending.status() == OperationStatus.TIMED_OUT && waitMode == WaitMode.STABLE) {
                message += explainUnstable();
            }
            OperationFailure failure = ending.status() == OperationStatus.SUCCEEDED
                    ? null
                    : new OperationFailure(ending.reason(), message);
            outcome = new OperationResult(operation, ending.status(), refs, failure, warnings);
            OperationReport.print(console, outcome, targets);
        } catch (RuntimeException | LinkageError e) {
            String message = "Could not finish the " + operation + ": " + e;
            console.line(message);
            outcome = new OperationResult(
                    operation, OperationStatus.FAILED, refs, new OperationFailure("Error", message), warnings);
        }
        result.complete(outcome);
    }

    /** The pods' problems and the newest warning events of the targets not stable. */
    private String explainUnstable() {
        Map<Target, Map<String, Object>> unstable = new java.util.LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!done.contains(i)) {
                unstable.put(t(i), lastLive.getOrDefault(i, new HashMap<>()));
            }
        }
        return OperationReport.explain(new FailureDetail(client), unstable);
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
