package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.jobManifest;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What becomes of the Job: cancel, cleanup policies, replacing a Job of the same name. */
class JobRunnerCleanupTest {
    private MockCluster cluster;
    private RecordingConsole console;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        console = new RecordingConsole();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private RunningJob start(String name, CleanupPolicy cleanup) {
        return new JobRunner(cluster.client)
                .start(
                        JobRequest.builder()
                                .manifest(jobManifest("name", name), "job.yaml")
                                .cleanup(cleanup)
                                .build(),
                        console);
    }

    private static JobResult result(RunningJob run) throws Exception {
        return run.result().get(30, TimeUnit.SECONDS);
    }

    private void succeed(JobRef job) {
        cluster.addPod(job, job.name() + "-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(job, "Complete", null, null);
    }

    @Test
    void cancelDeletesTheJobAndSaysWhy() throws Exception {
        RunningJob run = start("cancelled", CleanupPolicy.TTL);
        cluster.addPod(run.job(), "cancelled-p", "Running", running("main"));

        cluster.awaitWatches(run.job());
        run.cancel("Aborted by alice");
        run.cancel("Aborted twice");
        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(result.failure().message()).isEqualTo("Aborted by alice");
        assertThat(cluster.job(run.job())).isNull();
        assertThat(console.text())
                .contains("Job test/cancelled was cancelled: Aborted by alice")
                .contains("Deleted Job test/cancelled")
                .doesNotContain("Aborted twice");
    }

    @Test
    void cancelUnderNeverKeepsTheJob() throws Exception {
        RunningJob run = start("kept", CleanupPolicy.NEVER);

        cluster.awaitWatches(run.job());
        run.cancel("Aborted");

        assertThat(result(run).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cluster.job(run.job())).isNotNull();
        assertThat(console.text()).contains("Kept Job test/kept (cleanup: never)");
    }

    @Test
    void onSuccessDeletesASucceededJob() throws Exception {
        RunningJob run = start("tidy", CleanupPolicy.ON_SUCCESS);
        succeed(run.job());

        assertThat(result(run).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(cluster.job(run.job())).isNull();
    }

    @Test
    void onSuccessKeepsAFailedJobForInspection() throws Exception {
        RunningJob run = start("inspect", CleanupPolicy.ON_SUCCESS);
        cluster.addPod(run.job(), "inspect-p", "Failed", terminated("main", 2, "Error", null));
        cluster.finishJob(run.job(), "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        assertThat(result(run).status()).isEqualTo(JobStatus.FAILED);
        assertThat(cluster.job(run.job())).isNotNull();
        assertThat(console.text()).contains("Kept Job test/inspect (cleanup: on-success)");
    }

    @Test
    void alwaysDeletesAFailedJob() throws Exception {
        RunningJob run = start("gone", CleanupPolicy.ALWAYS);
        cluster.finishJob(run.job(), "Failed", "DeadlineExceeded", "Job was active longer than specified deadline");

        JobResult result = result(run);

        assertThat(result.failure().reason()).isEqualTo("DeadlineExceeded");
        assertThat(cluster.job(run.job())).isNull();
    }

    @Test
    void ttlSetsTtlSecondsAfterFinishedAndLeavesTheDeletionToKubernetes() throws Exception {
        RunningJob run = start("ttl", CleanupPolicy.TTL);
        Job created = cluster.job(run.job());
        succeed(run.job());

        result(run);

        assertThat(created.getSpec().getTtlSecondsAfterFinished()).isEqualTo(JobRequest.DEFAULT_TTL_SECONDS);
        assertThat(cluster.job(run.job())).isNotNull();
        assertThat(console.text()).contains("Kubernetes deletes Job test/ttl 3600 s after it finished");
    }

    @Test
    void neverKeepsASucceededJobAndSetsNoTtl() throws Exception {
        RunningJob run = start("forever", CleanupPolicy.NEVER);
        Job created = cluster.job(run.job());
        succeed(run.job());

        result(run);

        assertThat(created.getSpec().getTtlSecondsAfterFinished()).isNull();
        assertThat(cluster.job(run.job())).isNotNull();
    }

    @Test
    void aFixedNameReplacesThePreviousJobOfThatName() throws Exception {
        RunningJob first = start("nightly", CleanupPolicy.NEVER);
        succeed(first.job());
        result(first);

        RunningJob second = start("nightly", CleanupPolicy.NEVER);

        assertThat(second.job().uid()).isNotEqualTo(first.job().uid());
        assertThat(cluster.job(second.job()).getMetadata().getUid())
                .isEqualTo(second.job().uid());
        assertThat(console.lines())
                .containsSubsequence(
                        "Deleted the previous Job test/nightly so a new one of that name can be created.",
                        "Created Job test/nightly");
        cluster.awaitWatches(second.job());
        second.cancel("test over");
        result(second);
    }

    @Test
    void aPreviousJobThatDoesNotGoAwayIsAClearErrorAfterTheLimit() {
        cluster.controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName("stuck")
                        .endMetadata()
                        .build())
                .create();
        String uid = existingUid("stuck");
        // the API server accepts the delete, but a finalizer keeps the Job around
        cluster.dispatcher.intercept(
                r -> r.getMethod().equals("DELETE") && r.getPath().endsWith("/jobs/stuck"), r -> new MockResponse()
                        .setResponseCode(200)
                        .setBody("{\"kind\":\"Status\",\"status\":\"Success\",\"details\":{\"name\":\"stuck\","
                                + "\"kind\":\"jobs\",\"uid\":\"" + uid + "\"}}"));
        JobRunner runner = new JobRunner(cluster.client, JobLogs.podLogs(), Duration.ofMillis(500));
        int before = cluster.dispatcher.requests().size();

        assertThatThrownBy(() -> runner.start(
                        JobRequest.builder()
                                .manifest(jobManifest("name", "stuck"), "job.yaml")
                                .build(),
                        console))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("previous Job test/stuck was still being deleted after 500ms")
                .hasMessageContaining("generateName");
        List<String> requests = cluster.dispatcher.requests();
        assertThat(requests.subList(before, requests.size())).noneMatch(r -> r.startsWith("POST"));
    }

    private String existingUid(String name) {
        return cluster.controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withName(name)
                .get()
                .getMetadata()
                .getUid();
    }

    @Test
    void aJobDeletedBySomeoneElseEndsTheRunAsFailed() throws Exception {
        RunningJob run = start("deleted", CleanupPolicy.TTL);
        MockCluster.await("the watch", Duration.ofSeconds(10), () -> cluster.watching(2));

        cluster.controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withName("deleted")
                .delete();
        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().message()).isEqualTo("Job test/deleted was deleted before it finished");
    }
}
