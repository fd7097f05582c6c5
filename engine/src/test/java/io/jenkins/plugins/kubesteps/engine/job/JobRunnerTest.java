package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.jobManifest;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.terminated;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
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

    private JobRequest.Builder request(String manifest) {
        return JobRequest.builder().manifest(manifest, "job.yaml");
    }

    private JobResult result(RunningJob run) throws Exception {
        return run.result().get(30, TimeUnit.SECONDS);
    }

    @Test
    void succeedsWithOutputsOfTheSuccessfulPodAndItsTerminationMessageAndConfigMap() throws Exception {
        cluster.controller
                .configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("results")
                        .endMetadata()
                        .addToData("out.json", "{\"REPORT\":\"s3://bucket/report\",\"VERSION\":\"from-configmap\"}")
                        .build())
                .create();
        RunningJob run = new JobRunner(cluster.client)
                .start(
                        request(jobManifest("generateName", "build-"))
                                .outputConfigMap(ConfigMapKey.parse("results:out.json"))
                                .build(),
                        console);
        JobRef job = run.job();
        assertThat(job.name()).startsWith("build-");
        assertThat(console.lines()).contains("Created Job " + NAMESPACE + "/" + job.name());

        // the first attempt failed after printing an output; only the successful pod's outputs count
        cluster.serveLog("attempt-1", "main", "SPINNAKER_PROPERTY_VERSION=bad", "boom");
        cluster.serveLog(
                "attempt-2", "main", "hello", "SPINNAKER_PROPERTY_VERSION=1.2.3", "SPINNAKER_PROPERTY_B64=YQ==");
        cluster.addPod(job, "attempt-1", "Failed", terminated("main", 1, "Error", null));
        cluster.addPod(job, "attempt-2", "Succeeded", terminated("main", 0, "Completed", "DIGEST=sha256:abc"));
        cluster.finishJob(job, "Complete", null, null);

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(result.failure()).isNull();
        assertThat(result.outputs())
                .containsEntry("B64", "YQ==")
                .containsEntry("DIGEST", "sha256:abc")
                .containsEntry("REPORT", "s3://bucket/report")
                // the ConfigMap is read last and wins
                .containsEntry("VERSION", "from-configmap");
        assertThat(console.lines()).contains("Job " + job + " succeeded.");
    }

    @Test
    void logOutputsOfTheSuccessfulPodArrive() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(request(jobManifest("name", "logs")).build(), console);
        JobRef job = run.job();
        cluster.serveLog("logs-a", "main", "SPINNAKER_PROPERTY_VERSION=1.2.3", "SPINNAKER_CONFIG_JSON={\"n\":5}");
        cluster.addPod(job, "logs-a", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(job, "Complete", null, null);

        JobResult result = result(run);

        assertThat(result.outputs()).containsEntry("VERSION", "1.2.3").containsEntry("n", 5);
    }

    @Test
    void aLogThatCannotBeReadMakesTheOutputsIncompleteButKeepsTheStatus() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(request(jobManifest("name", "lost")).build(), console);
        JobRef job = run.job();
        cluster.failLog("lost-a", "main", 404);
        cluster.addPod(job, "lost-a", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(job, "Complete", null, null);

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(result.outputsComplete()).isFalse();
        assertThat(result.incompleteOutputs()).containsExactly("lost-a/main");
        assertThat(result.warnings())
                .anySatisfy(w -> assertThat(w).contains("may be incomplete").contains("lost-a/main"));
    }

    @Test
    void failureNamesTheConditionAndEachFailedContainerWithItsLastLines() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(request(jobManifest("name", "fails")).build(), console);
        JobRef job = run.job();
        cluster.serveLog("fails-x", "main", "SPINNAKER_PROPERTY_STAGE=compile", "allocating", "out of memory");
        cluster.addPod(job, "fails-x", "Running", running("main"));
        cluster.setPod(job, "fails-x", "Failed", terminated("main", 137, "OOMKilled", "killed at 512Mi"));
        cluster.finishJob(job, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("BackoffLimitExceeded");
        assertThat(result.failure().message()).isEqualTo("Job has reached the specified backoff limit");
        ContainerFailure container = result.failure().containers().get(0);
        assertThat(container.pod()).isEqualTo("fails-x");
        assertThat(container.container()).isEqualTo("main");
        assertThat(container.exitCode()).isEqualTo(137);
        assertThat(container.reason()).isEqualTo("OOMKilled");
        assertThat(container.message()).isEqualTo("killed at 512Mi");
        assertThat(container.lastLines()).last().asString().endsWith("out of memory");
        // outputs printed before the failure are kept
        assertThat(result.outputs()).containsEntry("STAGE", "compile");
        assertThat(console.text())
                .contains("Job " + job + " failed: BackoffLimitExceeded - Job has reached the specified backoff limit")
                .contains("pod fails-x, container main: exit code 137 (OOMKilled)")
                .contains("message: killed at 512Mi");
        // under the default TTL policy a Job that Kubernetes finished is left for its TTL
        assertThat(cluster.job(job)).isNotNull();
    }

    /** How long a pull error may last, and that a recovery in time counts: {@link FailFastTest}. */
    @Test
    void aPodThatCannotPullItsImageFailsTheRunAfterTheGracePeriod() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(
                        request(jobManifest("name", "pull"))
                                .failFastGrace(Duration.ofMillis(200))
                                .build(),
                        console);
        JobRef job = run.job();
        cluster.addPod(job, "pull-1", "Pending", waiting("main", "ImagePullBackOff", "Back-off pulling image"));

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("ImagePullBackOff");
        assertThat(result.failure().message())
                .contains("pull-1")
                .contains("main")
                .contains("Back-off pulling image");
        assertThat(result.failure().containers())
                .extracting(ContainerFailure::reason)
                .containsExactly("ImagePullBackOff");
        // a stuck Job would never finish by itself: it goes
        assertThat(cluster.job(job)).isNull();
    }

    @Test
    void anUnschedulablePodFailsTheRunWithTheSchedulersMessage() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(
                        request(jobManifest("name", "big"))
                                .failFastGrace(Duration.ofMillis(200))
                                .build(),
                        console);
        JobRef job = run.job();
        cluster.addPod(job, "big-1", "Pending");
        cluster.setPod(
                job,
                "big-1",
                "Pending",
                List.of(MockCluster.unschedulable("0/3 nodes are available: Insufficient cpu")));

        JobResult result = result(run);

        assertThat(result.failure().reason()).isEqualTo("Unschedulable");
        assertThat(result.failure().message()).contains("big-1").contains("Insufficient cpu");
    }

    @Test
    void timeoutEndsTheRunAndDeletesTheJob() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(
                        request(jobManifest("name", "slow"))
                                .timeout(Duration.ofMillis(800))
                                .build(),
                        console);
        JobRef job = run.job();
        cluster.addPod(job, "slow-1", "Running", running("main"));

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(result.failure().message()).isEqualTo("timed out after 800ms");
        assertThat(cluster.job(job)).isNull();
        assertThat(console.text())
                .contains("Job " + job + " timed out after 800ms")
                .contains("Deleted Job " + job);
    }

    @Test
    void theLogLinkAnnotationIsShownAsALink() throws Exception {
        String manifest = jobManifest("name", "linked")
                .replace(
                        "metadata:\n",
                        "metadata:\n  annotations:\n    job.spinnaker.io/logs: "
                                + "'https://logs.example.com/{{ metadata.namespace }}/{{ metadata.name }}'\n");
        RunningJob run = new JobRunner(cluster.client).start(request(manifest).build(), console);
        cluster.awaitWatches(run.job());
        run.cancel("test over");

        JobResult result = result(run);

        assertThat(result.logLink()).isEqualTo("https://logs.example.com/test/linked");
        assertThat(console.lines()).contains("LINK Logs of Job test/linked: https://logs.example.com/test/linked");
    }

    @Test
    void aManifestThatIsNotExactlyOneJobIsRefusedBeforeAnythingIsCreated() {
        JobRunner runner = new JobRunner(cluster.client);
        String twoJobs = jobManifest("name", "one") + "---\n" + jobManifest("name", "two");
        String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

        assertThatThrownBy(() -> runner.start(request(twoJobs).build(), console))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("job.yaml");
        assertThatThrownBy(() -> runner.start(request(deployment).build(), console))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> runner.start(request("kind: [unclosed").build(), console))
                .isInstanceOf(InvalidInputException.class);
        assertThat(cluster.dispatcher.requests()).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    void aForbiddenCreateIsAClusterExceptionThatSaysSo() {
        cluster.dispatcher.interceptOnce(
                r -> r.getMethod().equals("POST") && r.getPath().contains("/jobs"), r -> new MockResponse()
                        .setResponseCode(403)
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":"
                                + "\"Forbidden\",\"code\":403,\"message\":\"jobs.batch is forbidden: User "
                                + "\\\"jenkins\\\" cannot create resource \\\"jobs\\\"\"}"));

        assertThatThrownBy(() -> new JobRunner(cluster.client)
                        .start(request(jobManifest("name", "denied")).build(), console))
                .isInstanceOfSatisfying(
                        ClusterException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("test/denied")
                .hasMessageContaining("cannot create resource");
    }

    @Test
    void aServerErrorOnCreateIsAClusterException() {
        cluster.dispatcher.intercept(
                r -> r.getMethod().equals("POST") && r.getPath().contains("/jobs"), r -> new MockResponse()
                        .setResponseCode(500)
                        .setBody("{\"kind\":\"Status\",\"code\":500,"
                                + "\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\"}"));

        assertThatThrownBy(() -> new JobRunner(cluster.client)
                        .start(request(jobManifest("generateName", "flaky-")).build(), console))
                .isInstanceOfSatisfying(
                        ClusterException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("etcdserver: request timed out");
    }

    @Test
    void theJobCarriesOurLabelAndTheManifestsTtlIsKept() throws Exception {
        String manifest = jobManifest("name", "ttl")
                .replace("spec:\n  backoffLimit", "spec:\n  ttlSecondsAfterFinished: 60\n  backoffLimit");
        RunningJob run = new JobRunner(cluster.client).start(request(manifest).build(), console);
        Job created = cluster.job(run.job());
        cluster.awaitWatches(run.job());
        run.cancel("done looking");
        result(run);

        assertThat(created.getSpec().getTtlSecondsAfterFinished()).isEqualTo(60);
        assertThat(created.getMetadata().getLabels()).containsEntry(JobRunner.MANAGED_BY_LABEL, JobRunner.MANAGED_BY);
    }

    @Test
    void theRequestsNamespaceWinsOverTheManifestsAndTheClientsDefaultIsTheFallback() throws Exception {
        String inManifest = jobManifest("name", "placed").replace("metadata:\n", "metadata:\n  namespace: team-a\n");
        RunningJob overridden = new JobRunner(cluster.client)
                .start(request(inManifest).namespace("team-b").build(), console);
        RunningJob defaulted = new JobRunner(cluster.client)
                .start(request(jobManifest("name", "placed")).build(), console);
        cluster.awaitWatches(overridden.job());
        cluster.awaitWatches(defaulted.job());
        overridden.cancel("test over");
        defaulted.cancel("test over");

        assertThat(result(overridden).job().namespace()).isEqualTo("team-b");
        assertThat(result(defaulted).job().namespace()).isEqualTo(NAMESPACE);
        assertThat(console.lines()).contains("Created Job team-b/placed", "Created Job test/placed");
    }

    @Test
    void aMissingOutputConfigMapIsAWarningNotAFailure() throws Exception {
        RunningJob run = new JobRunner(cluster.client)
                .start(
                        request(jobManifest("name", "nocm"))
                                .outputConfigMap(ConfigMapKey.parse("absent:out.json"))
                                .build(),
                        console);
        cluster.addPod(run.job(), "nocm-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(run.job(), "Complete", null, null);

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(result.warnings()).singleElement().asString().contains("ConfigMap test/absent does not exist");
        assertThat(console.lines()).contains("WARNING: " + result.warnings().get(0));
    }
}
