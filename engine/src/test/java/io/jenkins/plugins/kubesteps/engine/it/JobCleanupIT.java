package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.await;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What becomes of the Job: timeout and cancel delete it (and the garbage collector its pods), the
 * TTL-after-finished controller removes it under the default policy, ON_SUCCESS deletes it at once,
 * a fixed name replaces the previous Job of that name.
 */
class JobCleanupIT {
    private static final String LONG_RUNNING = """
            echo "started"
            sleep 300
            """;

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void timeoutDeletesTheJobAndItsPods() {
        RecordedConsole console = new RecordedConsole();
        JobResult result = await(new JobRunner(client)
                .start(request(job(LONG_RUNNING)).timeout(Duration.ofSeconds(8)).build(), console));

        assertStatus(result, console, JobStatus.TIMED_OUT);
        assertThat(result.failure().reason()).isEqualTo("TimedOut");
        assertThat(console.text()).contains("timed out after").contains("Deleted Job " + result.job());
        EngineCluster.awaitJobAndPodsGone(client, result.job(), "timeout deletes the Job");
    }

    @Test
    void cancelDeletesTheJobAndTheGarbageCollectorRemovesItsPods() {
        RecordedConsole console = new RecordedConsole();
        RunningJob running =
                new JobRunner(client).start(request(job(LONG_RUNNING)).build(), console);
        EngineCluster.waitFor(EngineCluster.RUN_LIMIT, "the container to start", () -> console.printed("started"));
        assertThat(EngineCluster.pods(client, running.job())).hasSize(1);

        running.cancel("stopped by the test");
        JobResult result = await(running);

        assertStatus(result, console, JobStatus.CANCELLED);
        assertThat(result.failure().message()).isEqualTo("stopped by the test");
        assertThat(EngineCluster.jobDeleted(client, running.job()))
                .as("deleted before the result was reported")
                .isTrue();
        EngineCluster.awaitJobAndPodsGone(client, running.job(), "cancel deletes the Job, GC its pods");
    }

    @Test
    void cancelRightAfterStartStillDeletesTheJob() {
        RecordedConsole console = new RecordedConsole();
        RunningJob running =
                new JobRunner(client).start(request(job(LONG_RUNNING)).build(), console);
        running.cancel("changed my mind");
        running.cancel("twice is harmless");

        JobResult result = await(running);

        assertStatus(result, console, JobStatus.CANCELLED);
        assertThat(result.failure().message()).isEqualTo("changed my mind");
        EngineCluster.awaitJobAndPodsGone(client, running.job(), "cancel before the pod ran");
    }

    @Test
    void defaultTtlPolicyLetsTheTtlControllerDeleteTheFinishedJob() {
        RecordedConsole console = new RecordedConsole();
        JobResult result = await(new JobRunner(client)
                .start(
                        request(job("echo ttl"))
                                .cleanup(CleanupPolicy.TTL)
                                .ttlSecondsAfterFinished(1)
                                .build(),
                        console));

        assertStatus(result, console, JobStatus.SUCCEEDED);
        assertThat(console.text()).contains("Kubernetes deletes Job " + result.job() + " 1 s after it finished");
        // nothing of ours deletes it: only the manifest's new ttlSecondsAfterFinished can
        EngineCluster.awaitJobAndPodsGone(client, result.job(), "the TTL-after-finished controller");
    }

    @Test
    void onSuccessDeletesASucceededJobAtOnceButKeepsAFailedOne() {
        RecordedConsole console = new RecordedConsole();
        JobResult succeeded = await(new JobRunner(client)
                .start(request(job("echo ok")).cleanup(CleanupPolicy.ON_SUCCESS).build(), console));
        assertStatus(succeeded, console, JobStatus.SUCCEEDED);
        assertThat(EngineCluster.jobDeleted(client, succeeded.job())).isTrue();
        EngineCluster.awaitJobAndPodsGone(client, succeeded.job(), "on-success deletes the Job");

        RecordedConsole failedConsole = new RecordedConsole();
        JobResult failed = await(new JobRunner(client)
                .start(request(job("exit 1")).cleanup(CleanupPolicy.ON_SUCCESS).build(), failedConsole));
        assertStatus(failed, failedConsole, JobStatus.FAILED);
        Job kept = EngineCluster.liveJob(client, failed.job());
        assertThat(kept).isNotNull();
        assertThat(kept.getMetadata().getDeletionTimestamp()).isNull();
        client.resource(kept).delete();
    }

    @Test
    void fixedNameReplacesThePreviousJobOfThatName() {
        String name = EngineCluster.unique("fixed");
        RecordedConsole first = new RecordedConsole();
        JobResult one = await(new JobRunner(client)
                .start(
                        request(job(name, 0, "", "busybox", "echo SPINNAKER_PROPERTY_run=first"))
                                .cleanup(CleanupPolicy.NEVER)
                                .build(),
                        first));
        assertStatus(one, first, JobStatus.SUCCEEDED);
        assertThat(one.job().name()).isEqualTo(name);

        RecordedConsole second = new RecordedConsole();
        JobResult two = await(new JobRunner(client)
                .start(
                        request(job(name, 0, "", "busybox", "echo SPINNAKER_PROPERTY_run=second"))
                                .cleanup(CleanupPolicy.NEVER)
                                .build(),
                        second));

        assertStatus(two, second, JobStatus.SUCCEEDED);
        assertThat(two.job().name()).isEqualTo(name);
        assertThat(two.job().uid()).isNotEqualTo(one.job().uid());
        assertThat(two.outputs()).containsOnly(entry("run", "second"));
        assertThat(second.text()).contains("Deleted the previous Job " + NAMESPACE + "/" + name);
        assertThat(second.logTexts()).containsExactly("SPINNAKER_PROPERTY_run=second");
        assertThat(EngineCluster.liveJob(client, two.job()).getMetadata().getUid())
                .isEqualTo(two.job().uid());
        EngineCluster.waitFor(
                EngineCluster.CONTROLLER_LIMIT,
                "the garbage collector to remove the first Job's pods",
                () -> EngineCluster.pods(client, one.job()).isEmpty());
        client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).delete();
    }

    /** Not the engine's code path, but deployManifest's: proves the real server takes an apply patch for a Job. */
    @Test
    void serverSideApplyOfAJobWorksOnTheRealServer() {
        String name = EngineCluster.unique("applied");
        Job job = client.getKubernetesSerialization().unmarshal(job(name, 0, "", "busybox", "echo applied"), Job.class);
        try {
            Job applied = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(NAMESPACE)
                    .resource(job)
                    .fieldManager("kubesteps-it")
                    .forceConflicts()
                    .serverSideApply();
            assertThat(applied.getMetadata().getManagedFields())
                    .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                    .contains(org.assertj.core.groups.Tuple.tuple("kubesteps-it", "Apply"));

            job.getMetadata().setLabels(Map.of("team", "payments"));
            Job reapplied = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(NAMESPACE)
                    .resource(job)
                    .fieldManager("kubesteps-it")
                    .forceConflicts()
                    .serverSideApply();
            assertThat(reapplied.getMetadata().getUid())
                    .isEqualTo(applied.getMetadata().getUid());
            assertThat(reapplied.getMetadata().getLabels()).containsEntry("team", "payments");

            Job done = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(NAMESPACE)
                    .withName(name)
                    .waitUntilCondition(
                            j -> j != null
                                    && j.getStatus() != null
                                    && Integer.valueOf(1).equals(j.getStatus().getSucceeded()),
                            EngineCluster.RUN_LIMIT.toSeconds(),
                            TimeUnit.SECONDS);
            assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        } finally {
            client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).delete();
        }
    }
}
