package io.jenkins.plugins.kubesteps.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.Threads;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N Jobs followed at once by one {@link JobRunner} on one client, in this JVM, as a Jenkins
 * controller follows its running steps. The client is built as the plugin builds it (fabric8's JDK
 * HTTP client). A second client (not counted in the requests) reads the API server's metrics and
 * watches the Jobs to note when each one's Complete condition appears: completion latency runs from
 * that moment to the engine's result.
 */
final class ConcurrentBench {
    record Settings(int jobs, int lines, int sleep, Duration timeout, boolean keep) {}

    private record Outcome(int index, JobResult result, Instant at, BenchConsole console) {}

    private final ClusterCredentials credentials;
    private final Settings settings;
    private final PrintStream out;
    private final Map<String, Instant> completeSeen = new ConcurrentHashMap<>();

    ConcurrentBench(ClusterCredentials credentials, Settings settings, PrintStream out) {
        this.credentials = credentials;
        this.settings = settings;
        this.out = out;
    }

    /** Runs the benchmark and prints its report; true when every Job succeeded with its output and lines. */
    boolean run() throws Exception {
        Config config = ClientFactory.config(new ClusterConnection(null, null, false, null, credentials));
        RequestCounter counter = new RequestCounter();
        String namespace = "bench-" + settings.jobs() + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        // the benchmark's own client on threads of its own (bench-admin-*), so the engine's can be told apart
        ExecutorService adminTasks = Executors.newCachedThreadPool(Threads.daemon("bench-admin"));
        try (KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory() {
                    @Override
                    protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
                        return java.net.http.HttpClient.newBuilder().executor(adminTasks);
                    }
                })
                .withTaskExecutor(adminTasks)
                .build()) {
            prepareNamespace(admin, namespace);
            Set<Thread> beforeEngine = Set.copyOf(Thread.getAllStackTraces().keySet());
            try (KubernetesClient engineClient = ClientFactory.builder(config, null)
                            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("bench-count", counter))
                            .build();
                    var observer = observe(admin, namespace);
                    BenchSampler sampler = new BenchSampler(admin, beforeEngine)) {
                return measure(engineClient, namespace, counter, sampler);
            } finally {
                if (!settings.keep()) {
                    admin.namespaces().withName(namespace).delete();
                }
            }
        } finally {
            adminTasks.shutdown();
        }
    }

    private boolean measure(KubernetesClient client, String namespace, RequestCounter counter, BenchSampler sampler)
            throws Exception {
        JobRunner runner = new JobRunner(client);
        ApiServerMetrics before = ApiServerMetrics.read(sampler.admin());
        long baseHeap = sampler.liveHeap();
        AtomicInteger running = new AtomicInteger();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < settings.jobs(); i++) {
            int index = i;
            BenchConsole console = new BenchConsole();
            running.incrementAndGet();
            outcomes.add(runner.start(request(namespace, i), console).result().thenApply(r -> {
                running.decrementAndGet();
                return new Outcome(index, r, Instant.now(), console);
            }));
        }
        int followedAtOnce = running.get();
        long liveHeap = sampler.liveHeap();
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        double wall = (System.nanoTime() - started) / 1e9;
        sampler.close();
        ApiServerMetrics after = ApiServerMetrics.read(sampler.admin());

        int good = 0;
        List<Long> latencies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CompletableFuture<Outcome> f : outcomes) {
            Outcome o = f.join();
            String expected = "job-" + o.index();
            boolean ok = o.result().succeeded()
                    && expected.equals(o.result().outputs().get("RESULT"))
                    && o.console().logLines() == settings.lines();
            if (ok) {
                good++;
            } else if (problems.size() < 5) {
                problems.add(o.result().job() + ": " + o.result().status() + ", outputs "
                        + o.result().outputs() + ", " + o.console().logLines() + " log lines, failure "
                        + o.result().failure());
            }
            Instant complete = completeSeen.get("bench-" + o.index());
            if (complete != null) {
                latencies.add(Duration.between(complete, o.at()).toMillis());
            }
        }
        latencies.sort(Long::compare);
        long perJob = followedAtOnce == 0 ? 0 : (liveHeap - baseHeap) / followedAtOnce;
        out.println("| N | succeeded with output and all lines | wall, s | completion latency p50 / p99, ms"
                + " | peak threads: JVM / engine and its client | peak heap used, MB | live heap with " + followedAtOnce
                + " followed, MB"
                + " (per Job, KB) | peak namespaced watches (engine) | peak log streams | API requests of the"
                + " engine |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        out.printf(
                "| %d | %d | %.1f | %d / %d | %d / %d | %d | %d (%d) | %d | %d | %d |%n",
                settings.jobs(),
                good,
                wall,
                percentile(latencies, 50),
                percentile(latencies, 99),
                sampler.peakThreads(),
                sampler.peakEngineThreads(),
                sampler.peakHeap() >> 20,
                liveHeap >> 20,
                perJob >> 10,
                // the benchmark's own observer is one namespaced watch of Jobs
                sampler.peakWatches() - 1,
                sampler.peakLogStreams(),
                counter.total());
        out.println();
        out.println("Latencies measured: " + latencies.size() + " of " + settings.jobs()
                + " (Complete condition seen by the observer's watch -> result).");
        out.println("Engine requests by verb: " + counter.counts());
        out.println("API server, namespaced requests on jobs/pods (all clients): "
                + new TreeMap<>(after.requestsSince(before)));
        out.println("Threads at the peak: " + sampler.threadsAtPeak());
        out.println("Engine threads at their peak: " + sampler.engineThreadsAtPeak());
        problems.forEach(p -> out.println("FAILED: " + p));
        return good == settings.jobs();
    }

    private JobRequest request(String namespace, int index) {
        String script = "i=1; while [ $i -le " + settings.lines() + " ]; do echo line $i; i=$((i+1)); done; sleep "
                + settings.sleep() + "; echo SPINNAKER_PROPERTY_RESULT=job-" + index;
        String manifest = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bench-" + index + "\nspec:\n"
                + "  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n"
                + "      - name: main\n        image: busybox\n        command: [\"sh\", \"-c\", \"" + script + "\"]\n";
        return JobRequest.builder()
                .manifest(manifest, "bench-" + index)
                .namespace(namespace)
                .timeout(settings.timeout())
                .build();
    }

    private void prepareNamespace(KubernetesClient admin, String namespace) throws InterruptedException {
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .endMetadata()
                        .build())
                .create();
        // pods are refused until the namespace's default ServiceAccount exists
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (admin.serviceAccounts()
                                .inNamespace(namespace)
                                .withName("default")
                                .get()
                        == null
                && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    private io.fabric8.kubernetes.client.Watch observe(KubernetesClient admin, String namespace) {
        return admin.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<Job>() {
            @Override
            public void eventReceived(Action action, Job job) {
                boolean complete = job.getStatus() != null
                        && job.getStatus().getConditions() != null
                        && job.getStatus().getConditions().stream()
                                .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
                if (complete) {
                    completeSeen.putIfAbsent(job.getMetadata().getName(), Instant.now());
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    /** Counts the Job's log lines ("... line N") and drops the text: 500 Jobs' logs are not the point. */
    static final class BenchConsole implements Console {
        private final AtomicInteger logLines = new AtomicInteger();

        @Override
        public void line(String text) {
            if (text.matches("^\\[[^]]+] line \\d+$")) {
                logLines.incrementAndGet();
            }
        }

        @Override
        public void link(String url, String label) {}

        int logLines() {
            return logLines.get();
        }
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
