package io.jenkins.plugins.kubesteps.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What the engine's integration tests share: the real cluster of this JVM ({@link
 * TestCluster#shared()}), clients built the way the plugin and the CLI build them ({@link
 * ClientFactory} from kubeconfig text), Job manifests whose container runs a shell script on the
 * simulated node, and waiting for what the cluster's controllers do in their own time.
 */
final class EngineCluster {
    /** Every Job of these tests lives here (the limited account's tests excepted); names are unique. */
    static final String NAMESPACE = "engine-it";

    /** How long a run may take on a busy 2-core machine before a test gives up. */
    static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    /** How long the garbage collector and TTL controller may take. */
    static final Duration CONTROLLER_LIMIT = Duration.ofSeconds(90);

    private static boolean namespaceReady;

    private EngineCluster() {}

    static synchronized TestCluster cluster() {
        TestCluster cluster = TestCluster.shared();
        if (!namespaceReady) {
            cluster.client()
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(NAMESPACE)
                            .endMetadata()
                            .build())
                    .serverSideApply();
            namespaceReady = true;
        }
        return cluster;
    }

    /** A new client of the administrator, built from kubeconfig text as the CLI and plugin do. */
    static KubernetesClient adminClient() {
        return client(cluster().adminKubeconfig());
    }

    /** A new client for a kubeconfig file; the caller closes it. */
    static KubernetesClient client(Path kubeconfig) {
        try {
            String text = Files.readString(kubeconfig);
            return ClientFactory.client(
                    new ClusterConnection(null, null, false, null, new ClusterCredentials.Kubeconfig(text, null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 2_000_000_000L, 36);
    }

    /**
     * A Job of one container {@code main} that runs {@code script} with {@code sh -c}.
     *
     * @param name {@code metadata.name}, or when it ends with {@code -} the {@code generateName}
     * @param specExtra more lines of the Job's {@code spec}, each indented by two spaces
     */
    static String job(String name, int backoffLimit, String specExtra, String image, String script) {
        String nameField = name.endsWith("-") ? "generateName" : "name";
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  %s: %s
                  namespace: %s
                spec:
                  backoffLimit: %d
                %s  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: %s
                        command: ["sh", "-c"]
                        args:
                        - |
                %s"""
                .formatted(nameField, name, NAMESPACE, backoffLimit, specExtra, image, indent(script, 10));
    }

    /** A Job (generated name, no retries) that runs {@code script}. */
    static String job(String script) {
        return job("it-", 0, "", "busybox:1.36", script);
    }

    static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\n", -1)) {
            out.append(pad).append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * A request with the defaults a pipeline author gets for {@code manifest}, but a TTL of minutes
     * rather than an hour, so a reused cluster does not collect finished Jobs.
     */
    static JobRequest.Builder request(String manifest) {
        return JobRequest.builder()
                .manifest(manifest, "it.yaml")
                .timeout(RUN_LIMIT)
                .cleanup(CleanupPolicy.TTL)
                .ttlSecondsAfterFinished(300);
    }

    static JobResult await(RunningJob running) {
        return await(running.result(), RUN_LIMIT, "Job " + running.job(), () -> running.cancel("the test gave up"));
    }

    /** The result of any operation, within {@code limit} (plus 30 s); else {@code giveUp} and fail. */
    static <T> T await(java.util.concurrent.CompletableFuture<T> result, Duration limit, String what, Runnable giveUp) {
        try {
            return result.get(limit.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the result completed exceptionally", e.getCause());
        } catch (TimeoutException e) {
            giveUp.run();
            throw new AssertionError("no result for " + what + " within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Job liveJob(KubernetesClient client, JobRef ref) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(ref.namespace())
                .withName(ref.name())
                .get();
    }

    /** The pods the Job controller created for the Job (by its uid, so a namesake's pods never count). */
    static List<Pod> pods(KubernetesClient client, JobRef ref) {
        return client.pods()
                .inNamespace(ref.namespace())
                .withLabel("batch.kubernetes.io/controller-uid", ref.uid())
                .list()
                .getItems();
    }

    /** Whether the Job (this one, by uid) is gone or on its way out. */
    static boolean jobDeleted(KubernetesClient client, JobRef ref) {
        Job live = liveJob(client, ref);
        return live == null
                || !ref.uid().equals(live.getMetadata().getUid())
                || live.getMetadata().getDeletionTimestamp() != null;
    }

    /** Waits until the Job and all its pods no longer exist. */
    static void awaitJobAndPodsGone(KubernetesClient client, JobRef ref, String why) {
        waitFor(
                CONTROLLER_LIMIT,
                why + ": Job " + ref + " and its pods to disappear",
                () -> liveJob(client, ref) == null && pods(client, ref).isEmpty());
    }

    static void waitFor(Duration limit, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Fails with the console when the run did not end as expected, which says why far better. */
    static void assertStatus(JobResult result, RecordedConsole console, Enum<?> expected) {
        assertThat(result.status())
                .as("status; console was:\n%s\nfailure: %s", console.text(), result.failure())
                .isEqualTo(expected);
    }
}
