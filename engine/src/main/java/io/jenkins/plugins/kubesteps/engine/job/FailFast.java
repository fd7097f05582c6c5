package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices pods that will not get anywhere on their own (an image that cannot be pulled, a missing
 * Secret, no node to run on) and reports one once it has stayed stuck for the grace period, so the
 * run fails with the reason instead of waiting for its timeout.
 */
final class FailFast implements AutoCloseable {
    /** Waiting reasons that do not clear up without a change to the manifest or the cluster. */
    static final Set<String> STUCK_REASONS =
            Set.of("ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "InvalidImageName");

    static final String UNSCHEDULABLE = "Unschedulable";

    /**
     * A pod (and container, null for scheduling) stuck for the whole grace period.
     *
     * @param message what Kubernetes says about it, may be null
     */
    record Stuck(String pod, String container, String reason, String message) {
        String describe(Duration grace) {
            String what = container == null
                    ? "Pod " + pod + " could not be scheduled (" + reason + ")"
                    : "Pod " + pod + ", container " + container + ": " + reason;
            return what + " for " + HumanDuration.format(grace) + (message == null ? "" : ": " + message);
        }
    }

    /** Runs a task after a delay; the future cancels it. */
    @FunctionalInterface
    interface Timer {
        Future<?> schedule(Runnable task, Duration delay);
    }

    private final Duration grace;
    private final Consumer<Stuck> onStuck;
    private final Timer timer;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Tracked {
        volatile Stuck latest;
        Future<?> timer;

        Tracked(Stuck latest) {
            this.latest = latest;
        }
    }

    FailFast(Duration grace, Consumer<Stuck> onStuck) {
        this(
                grace,
                onStuck,
                (task, delay) -> JobThreads.TIMERS.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    FailFast(Duration grace, Consumer<Stuck> onStuck, Timer timer) {
        this.grace = grace == null || grace.isNegative() ? JobRequest.DEFAULT_FAIL_FAST_GRACE : grace;
        this.onStuck = onStuck;
        this.timer = timer;
    }

    Duration grace() {
        return grace;
    }

    /** Called with every new state of one of the Job's pods. */
    void onPod(Pod pod) {
        reconcile(PodStates.name(pod), stuckParts(pod));
    }

    void onPodDeleted(Pod pod) {
        reconcile(PodStates.name(pod), Map.of());
    }

    private synchronized void reconcile(String podName, Map<String, Stuck> now) {
        if (closed) {
            return;
        }
        tracked.keySet().removeIf(key -> {
            if (key.startsWith(podName + "/") && !now.containsKey(key)) {
                tracked.get(key).timer.cancel(false);
                return true;
            }
            return false;
        });
        now.forEach((key, stuck) -> {
            Tracked existing = tracked.get(key);
            if (existing != null) {
                // ErrImagePull and ImagePullBackOff alternate: the clock keeps running
                existing.latest = stuck;
            } else {
                Tracked fresh = new Tracked(stuck);
                tracked.put(key, fresh);
                fresh.timer = timer.schedule(() -> expire(key, fresh), grace);
            }
        });
    }

    private void expire(String key, Tracked which) {
        if (!closed && tracked.get(key) == which) {
            onStuck.accept(which.latest);
        }
    }

    private static Map<String, Stuck> stuckParts(Pod pod) {
        Map<String, Stuck> stuck = new HashMap<>();
        String podName = PodStates.name(pod);
        String phase = PodStates.phase(pod);
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return stuck;
        }
        for (ContainerStatus container : PodStates.containers(pod)) {
            ContainerStateWaiting waiting =
                    container.getState() == null ? null : container.getState().getWaiting();
            if (waiting != null && STUCK_REASONS.contains(waiting.getReason())) {
                stuck.put(
                        podName + "/" + container.getName(),
                        new Stuck(podName, container.getName(), waiting.getReason(), waiting.getMessage()));
            }
        }
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            for (PodCondition condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType())
                        && "False".equals(condition.getStatus())
                        && UNSCHEDULABLE.equals(condition.getReason())) {
                    stuck.put(podName + "/", new Stuck(podName, null, UNSCHEDULABLE, condition.getMessage()));
                }
            }
        }
        return stuck;
    }

    @Override
    public synchronized void close() {
        closed = true;
        tracked.values().forEach(t -> t.timer.cancel(false));
        tracked.clear();
    }
}
