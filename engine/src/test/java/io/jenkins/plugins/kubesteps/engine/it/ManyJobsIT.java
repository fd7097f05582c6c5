package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.JobHandle;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import io.jenkins.plugins.kubesteps.engine.watch.SharedWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One engine follows 200 Jobs at once, as a Jenkins controller with 200 running steps does: the
 * namespace is watched twice (Jobs, pods), not 400 times, also after one run was detached and
 * resumed, and the watches end with the last run.
 */
class ManyJobsIT {
    private static final int JOBS = 200;

    private static KubernetesClient admin;
    private static KubernetesClient engine;
    /** The engine client's requests, "GET /apis/batch/v1/namespaces/...?watch=true..." */
    private static final Queue<String> requests = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void connect() throws IOException {
        EngineCluster.cluster();
        admin = EngineCluster.adminClient();
        String kubeconfig = Files.readString(EngineCluster.cluster().adminKubeconfig());
        // the plugin's HTTP stack, and a record of every request the engine sends
        engine = ClientFactory.builder(
                        ClientFactory.config(new ClusterConnection(
                                null, null, false, null, new ClusterCredentials.Kubeconfig(kubeconfig, null))),
                        null)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        requests.add(request.method() + " " + request.uri());
                    }
                }))
                .build();
    }

    @AfterAll
    static void close() {
        engine.close();
        admin.close();
    }

    @Test
    void twoHundredFollowedJobsShareTwoWatchesOfTheirNamespace() {
        JobRunner runner = new JobRunner(engine);
        // suspended, so all 200 are followed at the same time before any of them runs
        JobRequest request = request(job(
                        "many-", 0, "  suspend: true\n", "busybox:1.36", "echo \"SPINNAKER_PROPERTY_POD=$HOSTNAME\""))
                .ttlSecondsAfterFinished(10)
                .build();
        // started from several threads, as concurrent builds start their steps
        List<RunningJob> runs = new ArrayList<>(inParallel(IntStream.range(0, JOBS)
                .<Callable<RunningJob>>mapToObj(i -> () -> runner.start(request, new RecordedConsole()))
                .toList()));
        // a run that stops following and resumes joins the same watches
        JobHandle handle = runs.get(0).handle();
        runs.get(0).detach();
        runs.set(0, runner.resume(handle, request, new RecordedConsole()));
        EngineCluster.waitFor(
                Duration.ofSeconds(30), "the engine's watches", () -> watches().size() >= 2);

        int openOnServer = namespacedWatchesOnServer();
        long start = System.nanoTime();
        inParallel(runs.stream()
                .<Callable<Job>>map(run -> () -> admin.batch()
                        .v1()
                        .jobs()
                        .inNamespace(NAMESPACE)
                        .withName(run.job().name())
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}"))
                .toList());
        List<JobResult> results = runs.stream().map(EngineCluster::await).toList();
        System.out.printf(
                "[ManyJobsIT] %d Jobs ran and were followed to their end in %d ms%n",
                JOBS, (System.nanoTime() - start) / 1_000_000);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat((String) r.outputs().get("POD")).startsWith(r.job().name() + "-");
        });
        assertThat(watches())
                .as("watches the engine opened for %d Jobs", JOBS)
                .hasSize(2)
                .anyMatch(w -> w.contains("/namespaces/" + NAMESPACE + "/jobs?"))
                .anyMatch(w -> w.contains("/namespaces/" + NAMESPACE + "/pods?"));
        assertThat(openOnServer)
                .as("namespaced watches of Jobs and pods open on the API server")
                .isBetween(1, 2);
        EngineCluster.waitFor(
                Duration.ofSeconds(10), "the shared watches to stop", () -> SharedWatch.running(engine) == 0);
    }

    /** Runs the tasks on 8 threads, as that many builds would (the common pool has one on two cores). */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> watches() {
        return requests.stream().filter(r -> r.contains("watch=true")).toList();
    }

    /** What the API server counts: long-running WATCH requests on Jobs or pods in a namespace (its controllers watch cluster-wide). */
    private static int namespacedWatchesOnServer() {
        String metrics = admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
        return metrics.lines()
                .filter(l -> l.startsWith("apiserver_longrunning_requests{")
                        && l.contains("verb=\"WATCH\"")
                        && l.contains("scope=\"namespace\"")
                        && (l.contains("resource=\"jobs\"") || l.contains("resource=\"pods\"")))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
