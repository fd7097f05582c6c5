package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** runK8sJob over the real engine and fabric8's mock API server, with Jenkins mocked around it. */
class RunK8sJobStepTest {
    static final String MANIFEST =
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: migrate-
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "echo hi"]
            """;

    private FakeCluster cluster;
    private StepHarness harness;

    @BeforeEach
    void setUp() {
        cluster = new FakeCluster();
        harness = new StepHarness();
    }

    @AfterEach
    void tearDown() {
        try {
            assertThat(harness.allConsoles()).doesNotContain(StepHarness.TOKEN);
        } finally {
            harness.close();
            cluster.close();
        }
    }

    private RunK8sJobStep step() {
        RunK8sJobStep step = new RunK8sJobStep();
        step.setCredentialsId(StepHarness.CREDENTIALS_ID);
        step.setServerUrl(cluster.url());
        step.setNamespace(FakeCluster.NAMESPACE);
        step.setManifest(MANIFEST);
        return step;
    }

    private static RunK8sJobExecution start(RunK8sJobStep step, StepHarness.Build build) throws Exception {
        RunK8sJobExecution execution = (RunK8sJobExecution) step.start(build.context);
        assertThat(execution.start())
                .as("asynchronous: start returns before the Job ends")
                .isFalse();
        return execution;
    }

    /** Plays the Job's pod: it runs and prints {@code lines}, one a second. */
    private void runPod(Job job, String pod, String... lines) {
        cluster.addPod(job, pod, "Running", FakeCluster.running());
        for (int i = 0; i < lines.length; i++) {
            cluster.log(pod, "main", i + 1, lines[i]);
        }
    }

    private void endPod(Job job, String pod, int exitCode) {
        boolean ok = exitCode == 0;
        cluster.setPod(pod, ok ? "Succeeded" : "Failed", FakeCluster.terminated(exitCode, ok ? "Completed" : "Error"));
        if (exitCode == 0) {
            cluster.finishJob(job, "Complete", null, null);
        } else {
            cluster.finishJob(job, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
    }

    @Test
    void returnsTheOutputsAndExportsThemToLaterSteps() throws Exception {
        StepHarness.Build build = harness.newBuild();
        start(step(), build);
        Job job = cluster.awaitJob();
        runPod(
                job,
                "migrate-pod",
                "SPINNAKER_PROPERTY_SchemaVersion=42",
                "SPINNAKER_CONFIG_JSON={\"replicas\":3,\"token\":\"YWJj=\"}",
                "SPINNAKER_PROPERTY_PATH=/tmp/evil");
        FakeCluster.await("the log lines", () -> build.console().contains("SPINNAKER_PROPERTY_PATH"));
        endPod(job, "migrate-pod", 0);

        Object value = build.outcome.get(30, TimeUnit.SECONDS);
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) value;
        assertThat(outputs).containsEntry("SchemaVersion", "42").containsEntry("token", "YWJj=");
        assertThat(outputs.get("replicas")).isEqualTo(3);
        // Pipeline keeps the return value in its serialized program.
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(value);

        EnvVars env = new EnvVars();
        build.action().buildEnvironment(build.run, env);
        assertThat(env)
                .containsEntry("SchemaVersion", "42")
                .containsEntry("replicas", "3")
                .containsEntry(EnvExport.NAME, job.getMetadata().getName())
                .containsEntry(EnvExport.NAMESPACE, FakeCluster.NAMESPACE)
                .containsEntry(EnvExport.STATUS, "SUCCEEDED")
                .doesNotContainKey("PATH");
        assertThat(build.console()).contains("not exported to the environment: output PATH");
    }

    @Test
    void aFailedJobFailsTheStepWithItsReasonAndExitCode() throws Exception {
        StepHarness.Build build = harness.newBuild();
        start(step(), build);
        Job job = cluster.awaitJob();
        runPod(job, "migrate-pod", "connecting to the database");
        FakeCluster.await("the log line", () -> build.console().contains("connecting to the database"));
        endPod(job, "migrate-pod", 3);

        assertThatThrownBy(() -> build.outcome.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(AbortException.class)
                .hasMessageContaining(job.getMetadata().getName())
                .hasMessageContaining("BackoffLimitExceeded")
                .hasMessageContaining("exit code 3");
        assertThat(build.action().getJobs())
                .singleElement()
                .extracting(K8sJobRecord::getStatus)
                .isEqualTo("FAILED");
    }

    @Test
    void withoutPropagateAFailedJobReturnsItsOutputsAndRecordsTheStatus() throws Exception {
        StepHarness.Build build = harness.newBuild();
        RunK8sJobStep step = step();
        step.setPropagate(false);
        step.setEnvPrefix("MIGRATE_");
        start(step, build);
        Job job = cluster.awaitJob();
        runPod(job, "migrate-pod", "SPINNAKER_PROPERTY_rows=17");
        FakeCluster.await("the log line", () -> build.console().contains("rows=17"));
        endPod(job, "migrate-pod", 1);

        assertThat(outputs(build)).containsEntry("rows", "17");
        EnvVars env = new EnvVars();
        build.action().buildEnvironment(build.run, env);
        assertThat(env).containsEntry("MIGRATE_rows", "17").containsEntry(EnvExport.STATUS, "FAILED");
    }

    @Test
    void stopDeletesTheJobAndEndsTheStepWithTheCause() throws Exception {
        StepHarness.Build build = harness.newBuild();
        RunK8sJobExecution execution = start(step(), build);
        String name = cluster.awaitJob().getMetadata().getName();

        InterruptedException cause = new InterruptedException("aborted by a user");
        execution.stop(cause);

        assertThatThrownBy(() -> build.outcome.get(30, TimeUnit.SECONDS))
                .cause()
                .isSameAs(cause);
        FakeCluster.await("the Job to be deleted", () -> !cluster.jobExists(name));
    }

    @Test
    void resumesAfterARestartWithoutSecretsInTheProgramOrLinesPrintedTwice() throws Exception {
        StepHarness.Build before = harness.newBuild();
        RunK8sJobExecution execution = start(step(), before);
        Job job = cluster.awaitJob();
        runPod(job, "migrate-pod", "step one done", "SPINNAKER_PROPERTY_first=1");
        FakeCluster.await("the first lines", () -> before.console().contains("first=1"));

        byte[] saved = StepHarness.serialize(execution, before.context);
        assertThat(new String(saved, StandardCharsets.ISO_8859_1)).doesNotContain(StepHarness.TOKEN);

        StepHarness.Build after = harness.newBuild();
        RunK8sJobExecution resumed = (RunK8sJobExecution) StepHarness.deserialize(saved, after.context);
        resumed.onResume();
        cluster.log("migrate-pod", "main", 5, "SPINNAKER_PROPERTY_second=2");
        FakeCluster.await(
                "the line written after the restart", () -> after.console().contains("second=2"));
        endPod(job, "migrate-pod", 0);

        Map<String, Object> outputs = outputs(after);
        assertThat(outputs).containsEntry("first", "1").containsEntry("second", "2");
        assertThat(after.console()).doesNotContain("step one done").doesNotContain("first=1");
    }

    @Test
    void noThreadWaitsForTheJobWhileItRuns() throws Exception {
        StepHarness.Build build = harness.newBuild();
        RunK8sJobExecution execution = start(step(), build);
        Job job = cluster.awaitJob();
        runPod(job, "migrate-pod", "working");
        FakeCluster.await("the log line", () -> build.console().contains("working"));

        List<String> parked = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(t -> t.getThreadState() == Thread.State.WAITING
                        || t.getThreadState() == Thread.State.TIMED_WAITING
                        || t.getThreadState() == Thread.State.BLOCKED)
                .filter(t -> !t.getThreadName().startsWith("kubesteps-job-timer"))
                .filter(RunK8sJobStepTest::hasFrameOfOurs)
                .map(t -> t.getThreadName() + " " + Arrays.toString(t.getStackTrace()))
                .toList();
        assertThat(parked).isEmpty();
        assertThat(execution.getStatus())
                .isEqualTo("waiting for Job " + FakeCluster.NAMESPACE + "/"
                        + job.getMetadata().getName());
        execution.stop(new InterruptedException("test over"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputs(StepHarness.Build build) throws Exception {
        return (Map<String, Object>) build.outcome.get(30, TimeUnit.SECONDS);
    }

    private static boolean hasFrameOfOurs(ThreadInfo thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().startsWith("io.jenkins.plugins.kubesteps.")
                        && !f.getClassName().endsWith("Test"));
    }

    @Test
    void unknownCredentialsFailNamingTheIdAndCreateNothing() throws Exception {
        StepHarness.Build build = harness.newBuild();
        RunK8sJobStep step = step();
        step.setCredentialsId("no-such-credentials");

        assertThatThrownBy(() -> step.start(build.context).start())
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("no-such-credentials");
        assertThat(cluster.controller
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(FakeCluster.NAMESPACE)
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void manifestAndFileTogetherAreRefusedBeforeAnythingIsCreated() throws Exception {
        StepHarness.Build build = harness.newBuild();
        RunK8sJobStep step = step();
        step.setFile("job.yaml");

        assertThatThrownBy(() -> step.start(build.context).start())
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("exactly one of manifest")
                .hasMessageContaining("file");
    }
}
