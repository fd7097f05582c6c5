package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The life of one pod on this node: init containers in order, then all containers at once,
 * restarts by restartPolicy, status reports after every change, and on deletion SIGTERM, the
 * grace period, SIGKILL, a last status and the final delete.
 */
final class PodRun {

    private static final Logger LOG = Logger.getLogger(PodRun.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final Duration LOG_START_WAIT = Duration.ofSeconds(2);

    final NodeContext node;
    final Path dir;
    private final List<ContainerRecord> init = new ArrayList<>();
    private final List<ContainerRecord> main = new ArrayList<>();
    private final Map<String, List<ContainerLog>> logs = new HashMap<>();
    private final Map<String, ContainerProcess> processes = new ConcurrentHashMap<>();
    private final CountDownLatch deletion = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object reportLock = new Object();
    private final ContainerLauncher launcher;
    private volatile Pod pod;
    private volatile boolean apiGone;
    private volatile boolean last;
    private Instant startTime;
    private PodStatus lastSent;

    PodRun(Pod pod, NodeContext node) {
        this.pod = pod;
        this.node = node;
        this.dir = node.workDir().resolve(pod.getMetadata().getUid());
        this.launcher = new ContainerLauncher(this);
        boolean hasInit = !list(pod.getSpec().getInitContainers()).isEmpty();
        for (Container c : list(pod.getSpec().getInitContainers())) {
            init.add(new ContainerRecord(c.getName(), c.getImage(), true, "PodInitializing"));
        }
        for (Container c : pod.getSpec().getContainers()) {
            main.add(new ContainerRecord(
                    c.getName(), c.getImage(), false, hasInit ? "PodInitializing" : "ContainerCreating"));
        }
    }

    Pod pod() {
        return pod;
    }

    void start() {
        node.executor().submit(this::run);
    }

    /** A newer version of the pod from the API; a deletionTimestamp starts the termination. */
    void update(Pod newer) {
        pod = newer;
        if (newer.getMetadata().getDeletionTimestamp() != null) {
            Long grace = newer.getMetadata().getDeletionGracePeriodSeconds();
            delete(grace == null ? 30 : grace, false);
        }
    }

    /** Stops all containers: SIGTERM now, SIGKILL after {@code graceSeconds}. */
    void delete(long graceSeconds, boolean goneFromApi) {
        apiGone |= goneFromApi;
        if (deletion.getCount() == 0) {
            return;
        }
        deletion.countDown();
        processes.values().forEach(ContainerProcess::terminate);
        node.executor().submit(() -> {
            if (!awaitFinished(Duration.ofSeconds(graceSeconds))) {
                processes.values().forEach(ContainerProcess::kill);
            }
            return null;
        });
    }

    boolean deleting() {
        return deletion.getCount() == 0;
    }

    /** Sleeps, waking early when the pod is deleted; true when it was. */
    boolean sleepUnlessDeleted(Duration duration) throws InterruptedException {
        return deletion.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    void awaitDeletion() throws InterruptedException {
        deletion.await();
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            synchronized (this) {
                startTime = node.clock().instant();
            }
            report();
            if (runInitContainers() && !deleting()) {
                runMainContainers();
            }
            report();
            awaitDeletion();
            last = true;
            report();
            if (!apiGone) {
                node.api().deleteNow(pod);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processes.values().forEach(ContainerProcess::kill);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pod " + name() + " failed on this node", e);
        } finally {
            synchronized (this) {
                logs.values().forEach(instances -> instances.forEach(ContainerLog::finish));
            }
            removeFiles();
            finished.countDown();
        }
    }

    private boolean runInitContainers() throws InterruptedException {
        List<Container> specs = list(pod.getSpec().getInitContainers());
        for (int i = 0; i < specs.size(); i++) {
            if (deleting() || !keepRunning(init.get(i), specs.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void runMainContainers() throws InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        List<Container> specs = pod.getSpec().getContainers();
        for (int i = 0; i < specs.size(); i++) {
            ContainerRecord record = main.get(i);
            Container spec = specs.get(i);
            running.add(node.executor().submit(() -> keepRunning(record, spec)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.log(Level.WARNING, "container of pod " + name() + " failed on this node", e.getCause());
            }
        }
    }

    /** Runs a container until it needs no restart; true when its last run succeeded. */
    private boolean keepRunning(ContainerRecord record, Container spec) throws InterruptedException {
        String policy = pod.getSpec().getRestartPolicy() == null
                ? "Always"
                : pod.getSpec().getRestartPolicy();
        Duration backoff = node.restartBackoff();
        while (true) {
            Integer exitCode = launcher.runOnce(record, spec);
            if (exitCode == null || deleting()) {
                return exitCode != null && exitCode == 0;
            }
            boolean restart = record.init
                    ? exitCode != 0 && !policy.equals("Never")
                    : policy.equals("Always") || (policy.equals("OnFailure") && exitCode != 0);
            if (!restart) {
                return exitCode == 0;
            }
            synchronized (this) {
                record.backOff("back-off " + backoff.toSeconds() + "s restarting failed container=" + record.name
                        + " pod=" + name());
            }
            report();
            if (sleepUnlessDeleted(backoff)) {
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            synchronized (this) {
                record.restartCount++;
            }
        }
    }

    void track(String container, ContainerProcess process) {
        processes.put(container, process);
        if (deleting()) {
            process.terminate();
        }
    }

    void untrack(String container) {
        processes.remove(container);
    }

    synchronized ContainerLog newLog(ContainerRecord record) throws IOException {
        ContainerLog log =
                new ContainerLog(dir.resolve(record.name).resolve(record.restartCount + ".log"), node.clock());
        logs.computeIfAbsent(record.name, n -> new ArrayList<>()).add(log);
        notifyAll();
        return log;
    }

    /** The log a containerLogs request asks for, or the refusal the kubelet would answer. */
    synchronized ContainerLog log(String container, boolean previous) throws KubeletServer.LogUnavailable {
        ContainerRecord record = Stream.concat(init.stream(), main.stream())
                .filter(r -> r.name.equals(container))
                .findFirst()
                .orElseThrow(() -> new KubeletServer.LogUnavailable(
                        400,
                        "container " + container + " is not valid for pod "
                                + pod.getMetadata().getName()));
        awaitFirstStart(record);
        List<ContainerLog> instances = logs.getOrDefault(container, List.of());
        if (previous) {
            if (instances.size() < 2) {
                throw new KubeletServer.LogUnavailable(
                        400,
                        "previous terminated container \"" + container + "\" in pod \""
                                + pod.getMetadata().getName() + "\" not found");
            }
            return instances.get(instances.size() - 2);
        }
        if (instances.isEmpty()) {
            throw new KubeletServer.LogUnavailable(
                    400,
                    "container \"" + container + "\" in pod \""
                            + pod.getMetadata().getName() + "\" is waiting to start: " + record.waitingReason);
        }
        return instances.get(instances.size() - 1);
    }

    /**
     * ContainerCreating lasts milliseconds on this node, not the seconds of an image pull, so a
     * log request that comes right after the pod was bound waits for the start instead of failing.
     */
    private void awaitFirstStart(ContainerRecord record) {
        long deadline = System.nanoTime() + LOG_START_WAIT.toNanos();
        try {
            while (!logs.containsKey(record.name)
                    && "ContainerCreating".equals(record.waitingReason)
                    && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the current status unless it equals what was sent last. */
    void report() {
        synchronized (reportLock) {
            PodStatus status;
            synchronized (this) {
                String phase = PodStatuses.phase(pod.getSpec().getRestartPolicy(), init, main, last);
                status = PodStatuses.build(pod, lastSent, phase, startTime, init, main);
            }
            if (status.equals(lastSent)) {
                return;
            }
            try {
                node.api().publishStatus(pod, status);
                lastSent = status;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not report status of pod " + name(), e);
            }
        }
    }

    PodStatus lastSent() {
        synchronized (reportLock) {
            return lastSent;
        }
    }

    String name() {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private void removeFiles() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not remove " + dir, e);
        }
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
