package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.await;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.job.ContainerFailure;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs that fail, and a cluster that says no: the reasons a person needs to act. */
class JobFailureIT {
    private static TestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        cluster = EngineCluster.cluster();
        client = EngineCluster.adminClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void failingJobRetriedByTheJobControllerReportsExitCodeReasonAndLastLines() {
        String manifest = job(
                "fails-",
                1,
                "",
                "busybox",
                """
                echo "connecting to db"
                echo "ERROR: relation users does not exist"
                exit 3
                """);
        RecordedConsole console = new RecordedConsole();

        JobResult result = await(new JobRunner(client).start(request(manifest).build(), console));

        assertStatus(result, console, JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("BackoffLimitExceeded");
        // backoffLimit 1: the real Job controller ran a second pod after the first failed
        assertThat(result.failure().containers()).hasSize(2);
        assertThat(result.failure().containers().stream().map(ContainerFailure::pod))
                .doesNotHaveDuplicates();
        for (ContainerFailure c : result.failure().containers()) {
            assertThat(c.container()).isEqualTo("main");
            assertThat(c.exitCode()).isEqualTo(3);
            assertThat(c.reason()).isEqualTo("Error");
            assertThat(c.lastLines()).containsExactly("connecting to db", "ERROR: relation users does not exist");
        }
        // both attempts' logs were shown, each line once
        assertThat(console.logTexts())
                .containsExactlyInAnyOrder(
                        "connecting to db",
                        "ERROR: relation users does not exist",
                        "connecting to db",
                        "ERROR: relation users does not exist");
        assertThat(console.text()).contains("failed: BackoffLimitExceeded").contains("exit code 3 (Error)");
        Job live = EngineCluster.liveJob(client, result.job());
        assertThat(live)
                .as("a failed Job is kept for inspection under the TTL policy")
                .isNotNull();
        assertThat(live.getStatus().getFailed()).isEqualTo(2);
    }

    @Test
    void oomKilledContainerIsReportedWithItsReasonAndFallbackTerminationMessage() {
        String manifest =
                """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: oom-
                  namespace: %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: registry.example/kubesteps/oomkill:1
                        terminationMessagePolicy: FallbackToLogsOnError
                        command: ["sh", "-c", "echo 'loading 4 GiB of data'"]
                """
                        .formatted(EngineCluster.NAMESPACE);
        RecordedConsole console = new RecordedConsole();

        JobResult result = await(new JobRunner(client).start(request(manifest).build(), console));

        assertStatus(result, console, JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("BackoffLimitExceeded");
        assertThat(result.failure().containers()).singleElement().satisfies(c -> {
            assertThat(c.exitCode()).isEqualTo(137);
            assertThat(c.reason()).isEqualTo("OOMKilled");
            assertThat(c.message()).contains("loading 4 GiB of data");
            assertThat(c.lastLines()).containsExactly("loading 4 GiB of data");
        });
        assertThat(console.text()).contains("exit code 137 (OOMKilled)");
    }

    @Test
    void imageThatCannotBePulledFailsFastAndTheJobIsDeleted() {
        String manifest = job("no-image-", 0, "", "registry.example/does-not-exist:1.0", "echo never runs");
        RecordedConsole console = new RecordedConsole();
        Instant start = Instant.now();

        JobResult result = await(new JobRunner(client)
                .start(request(manifest).failFastGrace(Duration.ofSeconds(3)).build(), console));

        assertStatus(result, console, JobStatus.FAILED);
        assertThat(Duration.between(start, Instant.now()))
                .as("failed fast, not at the %s timeout", EngineCluster.RUN_LIMIT)
                .isLessThan(Duration.ofSeconds(60));
        assertThat(result.failure().reason()).isIn("ImagePullBackOff", "ErrImagePull");
        assertThat(result.failure().message()).contains("main");
        assertThat(result.failure().containers()).singleElement().satisfies(c -> {
            assertThat(c.exitCode()).as("it never ran").isNull();
            assertThat(c.reason()).isIn("ImagePullBackOff", "ErrImagePull");
        });
        EngineCluster.awaitJobAndPodsGone(client, result.job(), "fail fast deletes the Job");
    }

    @Test
    void missingConfigMapFailsFastWithTheKubeletsMessage() {
        String manifest =
                """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: no-config-
                  namespace: %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox
                        command: ["sh", "-c", "echo $COLOR"]
                        env:
                        - name: COLOR
                          valueFrom:
                            configMapKeyRef: {name: settings-that-do-not-exist, key: color}
                """
                        .formatted(EngineCluster.NAMESPACE);
        RecordedConsole console = new RecordedConsole();

        JobResult result = await(new JobRunner(client)
                .start(request(manifest).failFastGrace(Duration.ofSeconds(3)).build(), console));

        assertStatus(result, console, JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("CreateContainerConfigError");
        assertThat(result.failure().message()).contains("settings-that-do-not-exist");
        EngineCluster.awaitJobAndPodsGone(client, result.job(), "fail fast deletes the Job");
    }

    @Test
    void activeDeadlineSecondsEndsTheJobWithDeadlineExceeded() {
        String manifest = job(
                "deadline-",
                0,
                "  activeDeadlineSeconds: 3\n",
                "busybox",
                """
                echo "working"
                sleep 300
                """);
        RecordedConsole console = new RecordedConsole();
        Instant start = Instant.now();

        JobResult result = await(new JobRunner(client).start(request(manifest).build(), console));

        assertStatus(result, console, JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("DeadlineExceeded");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(90));
        assertThat(console.printed("working")).as(console.text()).isTrue();
        assertThat(console.text()).contains("DeadlineExceeded");
    }

    @Test
    void limitedAccountCreatingAJobInAnotherNamespaceGetsAClear403() {
        RecordedConsole console = new RecordedConsole();
        try (KubernetesClient limited = EngineCluster.client(cluster.limitedKubeconfig())) {
            ClusterException e = catchThrowableOfType(ClusterException.class, () -> new JobRunner(limited)
                    .start(request(job("echo hi")).namespace("default").build(), console));

            assertThat(e)
                    .as("start() must refuse; console:\n%s", console.text())
                    .isNotNull();
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage())
                    .contains("create Job default/it-")
                    .contains("forbidden (HTTP 403)")
                    .contains("system:serviceaccount:limited:limited")
                    .contains("RoleBinding");
        }
    }

    @Test
    void limitedAccountRunsAJobInItsOwnNamespace() {
        RecordedConsole console = new RecordedConsole();
        try (KubernetesClient limited = EngineCluster.client(cluster.limitedKubeconfig())) {
            JobResult result = await(new JobRunner(limited)
                    .start(
                            request(job("echo SPINNAKER_PROPERTY_who=limited"))
                                    .namespace(cluster.limitedNamespace())
                                    .build(),
                            console));

            assertStatus(result, console, JobStatus.SUCCEEDED);
            assertThat(result.job().namespace()).isEqualTo("limited");
            assertThat(result.outputs()).containsEntry("who", "limited");
            assertThat(result.warnings())
                    .as("every call the engine needs is allowed")
                    .isEmpty();
        }
    }
}
