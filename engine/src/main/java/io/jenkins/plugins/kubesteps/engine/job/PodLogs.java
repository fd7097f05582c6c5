package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs;
import io.jenkins.plugins.kubesteps.engine.outputs.OutputScanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Streams the logs of every container of a Job's pods (init containers first) to the console while
 * the Job runs, feeds each line to an output scanner per pod/container, keeps the last lines of
 * each container for failure reports, and remembers how far each stream got so a cut stream (or a
 * resumed process) continues without printing a line twice. Holds no thread while waiting:
 * streams are consumed by the HTTP client's callbacks.
 *
 * <p>Each line is printed as {@code [pod/container] text} (without the prefix when the request
 * says so), without the API server's timestamp; pieces of lines longer than {@link
 * io.jenkins.plugins.kubesteps.engine.logs.LineDecoder#DEFAULT_MAX_LINE_CHARS} are printed as
 * lines of their own. See {@link ContainerLog} for reconnects and restarted containers.
 */
final class PodLogs implements AutoCloseable {
    /**
     * After the Job finished: how long a stream may deliver nothing before it is replaced by a
     * plain read, and that read before the log is given up on.
     */
    static final Duration STALL_LIMIT = Duration.ofSeconds(20);

    private final PodLogStreams streams;
    private final JobRequest request;
    private final Console console;
    private final Consumer<String> warnings;
    private final Map<String, JobHandle.LogPosition> start;
    private final Map<String, Map<String, Object>> outputsSoFar;
    private final Map<String, ContainerLog> logs = new ConcurrentHashMap<>();
    /** Per pod, in the order pods appeared: its containers, init containers first. */
    private final Map<String, List<String>> containersByPod = Collections.synchronizedMap(new LinkedHashMap<>());

    private final Map<String, Pod> latestPods = new ConcurrentHashMap<>();
    /** Pods with containers waiting for an earlier container's log to end. */
    private final Set<String> heldPods = ConcurrentHashMap.newKeySet();

    /** Informer threads and re-evaluations after a log ended must not interleave their decisions. */
    private final Object applyLock = new Object();

    private final Object drainLock = new Object();
    private CompletableFuture<Void> drained;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param start positions to continue from (empty for a new run), keyed {@code pod/container}
     * @param outputsSoFar outputs already captured per pod (empty for a new run)
     */
    PodLogs(
            KubernetesClient client,
            String namespace,
            JobRequest request,
            Console console,
            Consumer<String> warnings,
            Map<String, JobHandle.LogPosition> start,
            Map<String, Map<String, Object>> outputsSoFar) {
        this.request = request;
        this.console = console;
        this.warnings = warnings;
        this.start = Map.copyOf(start == null ? Map.of() : start);
        this.outputsSoFar = new LinkedHashMap<>(outputsSoFar == null ? Map.of() : outputsSoFar);
        this.streams = new PodLogStreams(client, namespace, warnings, this::logChanged);
    }

    /**
     * Called for every add/update of one of the Job's pods: starts streams for containers that have
     * started (running or terminated) and are not streamed yet; restarts a stream that ended while
     * its container still runs.
     */
    void onPod(Pod pod) {
        if (closed.get() || pod.getMetadata() == null || pod.getSpec() == null) {
            return;
        }
        String name = pod.getMetadata().getName();
        containersByPod.putIfAbsent(name, containerNames(pod.getSpec()));
        latestPods.put(name, pod);
        apply(pod);
    }

    /**
     * Starts what can start. Init containers run one after the other, so their logs are shown in
     * that order: a container waits while an init container before it has terminated and its log is
     * still streaming (a quick init container is often over before its pod's first event arrives).
     * A log that is retrying after errors holds nobody up.
     */
    private void apply(Pod pod) {
        synchronized (applyLock) {
            applyLocked(pod);
        }
        checkDrained();
    }

    private void applyLocked(Pod pod) {
        if (closed.get()) {
            // close() has stopped every log it could see; none may start after it
            return;
        }
        String name = pod.getMetadata().getName();
        Map<String, ContainerStatus> statuses = statusesByName(pod.getStatus());
        int initContainers = nonNull(pod.getSpec().getInitContainers()).size();
        List<String> containers = containersByPod.get(name);
        boolean holding = false;
        for (int i = 0; i < containers.size(); i++) {
            String container = containers.get(i);
            ContainerStatus status = statuses.get(container);
            if (status == null) {
                continue;
            }
            if (holding) {
                if (startedOrDone(status)) {
                    heldPods.add(name);
                    return;
                }
                continue;
            }
            ContainerLog log = logs.computeIfAbsent(name + "/" + container, key -> newLog(name, container));
            log.update(status);
            holding = i < initContainers
                    && status.getState() != null
                    && status.getState().getTerminated() != null
                    && log.state() == ContainerLog.State.STREAMING;
        }
        heldPods.remove(name);
    }

    private static boolean startedOrDone(ContainerStatus status) {
        return status.getState() != null
                && (status.getState().getRunning() != null || status.getState().getTerminated() != null);
    }

    /** A container's log changed state: held containers may start now, a drain may be over. */
    private void logChanged() {
        checkDrained();
        if (!heldPods.isEmpty()) {
            // not on this thread: it holds the lock of the container that changed
            streams.execute(() -> {
                for (String pod : List.copyOf(heldPods)) {
                    Pod latest = latestPods.get(pod);
                    if (latest != null && !closed.get()) {
                        apply(latest);
                    }
                }
            });
        }
    }

    private ContainerLog newLog(String pod, String container) {
        String key = pod + "/" + container;
        String prefix = request.prefixLines() ? "[" + key + "] " : "";
        boolean scanned = request.container() == null || request.container().equals(container);
        ContainerLogLines lines = new ContainerLogLines(
                prefix,
                request.streamLogs() ? console : null,
                scanned ? new OutputScanner(key, warnings) : null,
                start.get(key),
                request.logsSince());
        return new ContainerLog(streams, pod, container, lines);
    }

    private static List<String> containerNames(PodSpec spec) {
        List<String> names = new ArrayList<>();
        for (List<Container> group : List.of(nonNull(spec.getInitContainers()), nonNull(spec.getContainers()))) {
            for (Container c : group) {
                names.add(c.getName());
            }
        }
        return List.copyOf(names);
    }

    private static Map<String, ContainerStatus> statusesByName(PodStatus status) {
        Map<String, ContainerStatus> byName = new HashMap<>();
        if (status != null) {
            for (List<ContainerStatus> group :
                    List.of(nonNull(status.getInitContainerStatuses()), nonNull(status.getContainerStatuses()))) {
                for (ContainerStatus s : group) {
                    byName.put(s.getName(), s);
                }
            }
        }
        return byName;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Positions to persist now, keyed {@code pod/container}. */
    Map<String, JobHandle.LogPosition> positions() {
        Map<String, JobHandle.LogPosition> positions = new LinkedHashMap<>(start);
        logs.forEach((key, log) -> {
            JobHandle.LogPosition p = log.lines().position();
            if (p != null) {
                positions.put(key, p);
            }
        });
        return positions;
    }

    /**
     * Outputs captured per pod so far (container outputs merged in container order), each pod's
     * within the bounds of {@link BoundedOutputs}. Called again and again to save the run, so
     * whatever a merge drops is reported only by {@link #outputLimitSummary()}.
     */
    Map<String, Map<String, Object>> outputsByPod() {
        return outputsByPod(warning -> {});
    }

    /**
     * For the end of the run: each scanned log's count of outputs dropped at the bounds (its first
     * drops were warned as they happened), then what merging each pod's containers dropped.
     */
    List<String> outputLimitSummary() {
        List<String> summary = new ArrayList<>();
        new TreeMap<>(logs).values().forEach(log -> summary.addAll(log.lines().outputSummary()));
        outputsByPod(summary::add);
        return summary;
    }

    private Map<String, Map<String, Object>> outputsByPod(Consumer<String> dropped) {
        Map<String, List<String>> containersOf;
        synchronized (containersByPod) {
            containersOf = new LinkedHashMap<>(containersByPod);
        }
        // outputs saved by an earlier version of the plugin may be unbounded: they are bounded here too
        Set<String> pods = new LinkedHashSet<>(outputsSoFar.keySet());
        pods.addAll(containersOf.keySet());
        Map<String, Map<String, Object>> byPod = new LinkedHashMap<>();
        for (String pod : pods) {
            BoundedOutputs merged = new BoundedOutputs("outputs of pod " + pod, dropped);
            merged.putAll(outputsSoFar.get(pod), 0);
            for (String container : containersOf.getOrDefault(pod, List.of())) {
                ContainerLog log = logs.get(pod + "/" + container);
                if (log != null) {
                    merged.putAll(log.lines().outputs(), 0);
                }
            }
            merged.summary().forEach(dropped);
            byPod.put(pod, new LinkedHashMap<>(merged.snapshot()));
        }
        return byPod;
    }

    /** The last (at most 20) lines of one container, oldest first. */
    List<String> lastLines(String pod, String container) {
        ContainerLog log = logs.get(pod + "/" + container);
        return log == null ? List.of() : log.lines().lastLines();
    }

    /**
     * After the Job finished: completes when every stream has reached its end. A stream is read for
     * as long as bytes keep arriving, however long that takes, until {@code deadline} (the run's
     * timeout); a stream that delivers nothing for {@link #STALL_LIMIT} is replaced by one plain
     * read of what the log holds after the position, and given up on when that read stalls too.
     * What was given up on is in {@link #incomplete()}.
     */
    CompletableFuture<Void> drain(Instant deadline) {
        return drain(deadline, STALL_LIMIT);
    }

    /** {@link #drain(Instant)} with a deadline {@code max} from now; for tests and callers without one. */
    CompletableFuture<Void> drain(Duration max) {
        return drain(Instant.now().plus(max), STALL_LIMIT);
    }

    CompletableFuture<Void> drain(Instant deadline, Duration stallLimit) {
        return drain(deadline, stallLimit, new LogDrain.Clock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void later(Duration delay, Runnable task) {
                streams.later(Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS, task);
            }
        });
    }

    /** {@link #drain(Instant, Duration)} looking at the logs on {@code clock}'s time. */
    CompletableFuture<Void> drain(Instant deadline, Duration stallLimit, LogDrain.Clock clock) {
        CompletableFuture<Void> future;
        synchronized (drainLock) {
            if (drained == null) {
                drained = new CompletableFuture<>();
                streams.startDraining();
                new LogDrain(
                                logs,
                                streams,
                                deadline,
                                stallLimit,
                                this::drainDone,
                                this::checkDrained,
                                this::completeDrain,
                                clock)
                        .start();
            }
            future = drained;
        }
        if (closed.get()) {
            future.complete(null);
        }
        checkDrained();
        return future;
    }

    /**
     * Log keys ({@code pod/container}) whose outputs count and whose log was not read to its end:
     * a marker line may be missing from them. Call before {@link #close()}, which ends every log.
     */
    List<String> incomplete() {
        List<String> missing = new ArrayList<>();
        logs.forEach((key, log) -> {
            if (log.lines().scanned()
                    && log.state() != ContainerLog.State.IDLE
                    && log.state() != ContainerLog.State.FINISHED) {
                missing.add(key);
            }
        });
        Collections.sort(missing);
        return missing;
    }

    private void checkDrained() {
        CompletableFuture<Void> future;
        synchronized (drainLock) {
            future = drained;
        }
        if (future == null || future.isDone() || !heldPods.isEmpty()) {
            return;
        }
        for (ContainerLog log : logs.values()) {
            if (!log.settled()) {
                return;
            }
        }
        future.complete(null);
    }

    private boolean drainDone() {
        synchronized (drainLock) {
            return drained == null || drained.isDone() || closed.get();
        }
    }

    private void completeDrain() {
        synchronized (drainLock) {
            if (drained != null) {
                drained.complete(null);
            }
        }
    }

    /**
     * Stops every stream; idempotent. Once this returns no further line reaches the console, and
     * {@link #positions()} counts exactly the lines printed (a line being printed is waited for).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (applyLock) {
            logs.values().forEach(ContainerLog::close);
        }
        streams.close();
        completeDrain();
    }
}
