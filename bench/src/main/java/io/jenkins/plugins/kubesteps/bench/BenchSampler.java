package io.jenkins.plugins.kubesteps.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Samples this JVM's threads and heap (every 100 ms) and the API server's open watches and log
 * streams (every second) while the benchmark runs, keeping the peaks.
 */
final class BenchSampler implements AutoCloseable {
    /** The JVM's own threads and the benchmark's. */
    private static final Pattern NOT_ENGINE = Pattern.compile(
            "main|Reference Handler|Finalizer|Signal Dispatcher|Common-Cleaner|Notification Thread|Attach Listener"
                    + "|bench-(admin|sampler)-?.*");

    private final KubernetesClient admin;
    /** Threads that ran before the engine's client was built (the admin client's selector among them). */
    private final Set<Thread> before;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile long peakHeap;
    private volatile int peakThreads;
    private volatile Map<String, Integer> threadsAtPeak = Map.of();
    private volatile int peakEngineThreads;
    private volatile Map<String, Integer> engineThreadsAtPeak = Map.of();
    private volatile int peakWatches;
    private volatile int peakLogStreams;
    private int ticks;

    BenchSampler(KubernetesClient admin, Set<Thread> before) {
        this.admin = admin;
        this.before = before;
        timer.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    KubernetesClient admin() {
        return admin;
    }

    private void sample() {
        try {
            peakHeap = Math.max(peakHeap, ConcurrentBench.usedHeap());
            int count = threads.getThreadCount();
            if (count > peakThreads) {
                peakThreads = count;
                threadsAtPeak = namesByKind(false, Set.of());
            }
            Map<String, Integer> engine = namesByKind(true, before);
            int engineCount =
                    engine.values().stream().mapToInt(Integer::intValue).sum();
            if (engineCount > peakEngineThreads) {
                peakEngineThreads = engineCount;
                engineThreadsAtPeak = engine;
            }
            if (ticks++ % 10 == 0) {
                ApiServerMetrics m = ApiServerMetrics.read(admin);
                peakWatches = Math.max(peakWatches, m.namespacedWatches());
                peakLogStreams = Math.max(peakLogStreams, m.logStreams());
            }
        } catch (RuntimeException e) {
            // a missed sample only makes a peak less exact
        }
    }

    /**
     * Thread names without their numbers, counted: "kubesteps-logs-*" = 4. Without the JVM's own
     * threads, the benchmark's (its client runs on bench-admin-*) and {@code excluded} when {@code
     * engineOnly}.
     */
    private static Map<String, Integer> namesByKind(boolean engineOnly, Set<Thread> excluded) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String kind = t.getName().replaceAll("\\d+", "*");
            if (!engineOnly || !(NOT_ENGINE.matcher(kind).matches() || excluded.contains(t))) {
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        return kinds;
    }

    /** Heap in use after a full collection: what the followed Jobs really hold. */
    long liveHeap() {
        System.gc();
        return ConcurrentBench.usedHeap();
    }

    long peakHeap() {
        return peakHeap;
    }

    int peakEngineThreads() {
        return peakEngineThreads;
    }

    Map<String, Integer> engineThreadsAtPeak() {
        return engineThreadsAtPeak;
    }

    int peakThreads() {
        return peakThreads;
    }

    Map<String, Integer> threadsAtPeak() {
        return threadsAtPeak;
    }

    int peakWatches() {
        return peakWatches;
    }

    int peakLogStreams() {
        return peakLogStreams;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
