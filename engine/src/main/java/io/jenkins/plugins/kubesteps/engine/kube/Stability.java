package io.jenkins.plugins.kubesteps.engine.kube;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a live object is stable, per kind, from its status alone (so it can be judged on every
 * watch event). Built-in rules follow {@code kubectl rollout status} and Spinnaker's; kinds without
 * a rule are stable once applied.
 */
public final class Stability {
    /** Kinds whose stability is judged from their status; the others are stable once applied. */
    public static final Set<String> WATCHED = Set.of(
            "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "Pod", "PersistentVolumeClaim", "Service");

    public enum State {
        PROGRESSING,
        STABLE,
        FAILED
    }

    /**
     * @param progress a short line for the console ("2/3 ready"), also the unmet condition on timeout
     * @param reason for a failure: ProgressDeadlineExceeded, JobFailed, PodFailed
     * @param warning for a stable object that is not what it seems (a paused Deployment)
     */
    public record Readiness(State state, String progress, String reason, String warning) {
        static Readiness stable(String progress) {
            return new Readiness(State.STABLE, progress, null, null);
        }

        static Readiness waiting(String progress) {
            return new Readiness(State.PROGRESSING, progress, null, null);
        }

        static Readiness failed(String reason, String message) {
            return new Readiness(State.FAILED, message, reason, null);
        }
    }

    private Stability() {}

    /** Whether {@code kind} must be watched (a Service only when load balancers are waited for). */
    public static boolean needsWatch(KindInfo kind, boolean waitForLoadBalancers) {
        boolean builtIn = kind.group().isEmpty() || "apps".equals(kind.group()) || "batch".equals(kind.group());
        if (!builtIn || !WATCHED.contains(kind.kind())) {
            return false;
        }
        return !"Service".equals(kind.kind()) || waitForLoadBalancers;
    }

    public static Readiness of(String kind, Map<String, Object> live) {
        Map<String, Object> spec = Manifest.find(live, "spec");
        Map<String, Object> status = Manifest.find(live, "status");
        spec = spec == null ? Map.of() : spec;
        status = status == null ? Map.of() : status;
        long generation = num(Manifest.find(live, "metadata"), "generation", 0);
        long observed = num(status, "observedGeneration", -1);
        boolean seen = observed >= generation || !hasGeneration(kind);
        if (!seen) {
            return Readiness.waiting("waiting for the controller to see generation " + generation);
        }
        return switch (kind) {
            case "Deployment" -> deployment(spec, status);
            case "ReplicaSet" -> replicas(
                    num(spec, "replicas", 1), num(status, "readyReplicas", 0), num(status, "availableReplicas", 0));
            case "StatefulSet" -> statefulSet(spec, status);
            case "DaemonSet" -> daemonSet(spec, status);
            case "Job" -> job(status);
            case "Pod" -> pod(status);
            case "PersistentVolumeClaim" -> "Bound".equals(status.get("phase"))
                    ? Readiness.stable("Bound")
                    : Readiness.waiting("not bound yet (" + status.getOrDefault("phase", "Pending") + ")");
            case "Service" -> service(spec, status);
            default -> Readiness.stable("applied");
        };
    }

    private static boolean hasGeneration(String kind) {
        return Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet").contains(kind);
    }

    private static Readiness deployment(Map<String, Object> spec, Map<String, Object> status) {
        for (Map<String, Object> c : Manifest.maps(status, "conditions")) {
            if ("Progressing".equals(c.get("type")) && "ProgressDeadlineExceeded".equals(c.get("reason"))) {
                return Readiness.failed("ProgressDeadlineExceeded", String.valueOf(c.get("message")));
            }
        }
        long want = num(spec, "replicas", 1);
        long updated = num(status, "updatedReplicas", 0);
        long total = num(status, "replicas", 0);
        long available = num(status, "availableReplicas", 0);
        long ready = num(status, "readyReplicas", 0);
        String progress = ready + "/" + want + " ready"
                + (updated < want ? ", " + updated + "/" + want + " updated" : "")
                + (total > updated ? ", " + (total - updated) + " old pending termination" : "");
        if (Boolean.TRUE.equals(spec.get("paused"))) {
            return new Readiness(
                    State.STABLE,
                    progress + " (paused)",
                    null,
                    "the Deployment is paused: its rollout"
                            + " does not progress until it is resumed (kubectl rollout resume)");
        }
        boolean done = updated >= want && total <= updated && available >= want && ready >= want;
        return done ? Readiness.stable(progress) : Readiness.waiting(progress);
    }

    private static Readiness replicas(long want, long ready, long available) {
        String progress = ready + "/" + want + " ready";
        return ready >= want && available >= want ? Readiness.stable(progress) : Readiness.waiting(progress);
    }

    private static Readiness statefulSet(Map<String, Object> spec, Map<String, Object> status) {
        long want = num(spec, "replicas", 1);
        long ready = num(status, "readyReplicas", 0);
        long updated = num(status, "updatedReplicas", 0);
        Map<String, Object> strategy = Manifest.find(spec, "updateStrategy");
        String type =
                strategy == null ? "RollingUpdate" : String.valueOf(strategy.getOrDefault("type", "RollingUpdate"));
        String progress = ready + "/" + want + " ready";
        if ("OnDelete".equals(type)) {
            // pods are only replaced when someone deletes them: there is no rollout to wait for
            return ready >= want ? Readiness.stable(progress + " (OnDelete)") : Readiness.waiting(progress);
        }
        Map<String, Object> rolling = strategy == null ? null : Manifest.find(strategy, "rollingUpdate");
        long partition = rolling == null ? 0 : num(rolling, "partition", 0);
        if (partition > 0) {
            long needed = Math.max(0, want - partition);
            progress += ", " + updated + "/" + needed + " updated above partition " + partition;
            return ready >= want && updated >= needed ? Readiness.stable(progress) : Readiness.waiting(progress);
        }
        Object current = status.get("currentRevision");
        Object update = status.get("updateRevision");
        boolean rolled = update != null && update.equals(current);
        if (!rolled) {
            progress += ", " + updated + "/" + want + " updated";
        }
        return ready >= want && rolled ? Readiness.stable(progress) : Readiness.waiting(progress);
    }

    private static Readiness daemonSet(Map<String, Object> spec, Map<String, Object> status) {
        long desired = num(status, "desiredNumberScheduled", 0);
        long updated = num(status, "updatedNumberScheduled", 0);
        long available = num(status, "numberAvailable", 0);
        long ready = num(status, "numberReady", 0);
        String progress = ready + "/" + desired + " ready" + (updated < desired ? ", " + updated + " updated" : "");
        Map<String, Object> strategy = Manifest.find(spec, "updateStrategy");
        if (strategy != null && "OnDelete".equals(strategy.get("type"))) {
            return Readiness.stable(progress + " (OnDelete)");
        }
        return updated >= desired && available >= desired && ready >= desired
                ? Readiness.stable(progress)
                : Readiness.waiting(progress);
    }

    private static Readiness job(Map<String, Object> status) {
        for (Map<String, Object> c : Manifest.maps(status, "conditions")) {
            if (!"True".equals(c.get("status"))) {
                continue;
            }
            if ("Complete".equals(c.get("type"))) {
                return Readiness.stable("complete");
            }
            if ("Failed".equals(c.get("type"))) {
                return Readiness.failed("JobFailed", "failed: " + c.get("reason") + ": " + c.get("message"));
            }
        }
        return Readiness.waiting(num(status, "active", 0) + " active, " + num(status, "succeeded", 0) + " succeeded, "
                + num(status, "failed", 0) + " failed");
    }

    private static Readiness pod(Map<String, Object> status) {
        String phase = String.valueOf(status.getOrDefault("phase", "Pending"));
        if ("Succeeded".equals(phase)) {
            return Readiness.stable("Succeeded");
        }
        if ("Failed".equals(phase)) {
            return Readiness.failed(
                    "PodFailed", "failed" + (status.get("reason") == null ? "" : ": " + status.get("reason")));
        }
        for (Map<String, Object> c : Manifest.maps(status, "conditions")) {
            if ("Ready".equals(c.get("type")) && "True".equals(c.get("status"))) {
                return Readiness.stable("Running, ready");
            }
        }
        return Readiness.waiting(phase + ", not ready" + waitingReason(status));
    }

    /** ", ImagePullBackOff" when a container waits for a reason, else "". */
    static String waitingReason(Map<String, Object> podStatus) {
        for (String list : List.of("initContainerStatuses", "containerStatuses")) {
            for (Map<String, Object> cs : Manifest.maps(podStatus, list)) {
                Map<String, Object> waiting = Manifest.find(cs, "state", "waiting");
                if (waiting != null
                        && waiting.get("reason") != null
                        && !"ContainerCreating".equals(waiting.get("reason"))
                        && !"PodInitializing".equals(waiting.get("reason"))) {
                    return ", " + cs.get("name") + ": " + waiting.get("reason");
                }
            }
        }
        return "";
    }

    private static Readiness service(Map<String, Object> spec, Map<String, Object> status) {
        if (!"LoadBalancer".equals(spec.get("type"))) {
            return Readiness.stable("applied");
        }
        Map<String, Object> lb = Manifest.find(status, "loadBalancer");
        return lb != null && !Manifest.maps(lb, "ingress").isEmpty()
                ? Readiness.stable("load balancer ready")
                : Readiness.waiting("waiting for the load balancer's address");
    }

    static long num(Map<String, Object> map, String key, long fallback) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
