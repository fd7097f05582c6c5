package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Launcher;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The freestyle step: waits on the build's thread, exports outputs through the build's action. */
class RunK8sJobBuilderTest {
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

    private RunK8sJobBuilder builder() {
        RunK8sJobBuilder builder = new RunK8sJobBuilder();
        builder.setCredentialsId(StepHarness.CREDENTIALS_ID);
        builder.setServerUrl(cluster.url());
        builder.setNamespace(FakeCluster.NAMESPACE);
        builder.setManifest(RunK8sJobStepTest.MANIFEST);
        builder.setEnvPrefix("JOB_OUT_");
        return builder;
    }

    /** Plays the cluster on another thread while the builder blocks the test's (build's) thread. */
    private CompletableFuture<Void> playPod(int exitCode, String line) {
        return CompletableFuture.runAsync(() -> {
            try {
                Job job = cluster.awaitJob();
                cluster.addPod(job, "pod-1", "Running", FakeCluster.running());
                cluster.log("pod-1", "main", 1, line);
                boolean ok = exitCode == 0;
                Thread.sleep(500);
                cluster.setPod(
                        "pod-1",
                        ok ? "Succeeded" : "Failed",
                        FakeCluster.terminated(exitCode, ok ? "Completed" : "Error"));
                cluster.finishJob(
                        job,
                        ok ? "Complete" : "Failed",
                        ok ? null : "BackoffLimitExceeded",
                        ok ? null : "backoff limit reached");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void waitsForTheJobAndExportsItsOutputsToLaterBuildSteps() throws Exception {
        StepHarness.Build build = harness.newBuild();
        CompletableFuture<Void> pod = playPod(0, "SPINNAKER_PROPERTY_IMAGE=registry/app:1.4");

        builder().perform(build.run, null, new EnvVars(), mock(Launcher.class), build.context.get(TaskListener.class));

        pod.get(5, TimeUnit.SECONDS);
        EnvVars env = new EnvVars();
        build.action().buildEnvironment(build.run, env);
        assertThat(env).containsEntry("JOB_OUT_IMAGE", "registry/app:1.4").containsEntry(EnvExport.STATUS, "SUCCEEDED");
    }

    @Test
    void aFailedJobFailsTheBuildStep() throws Exception {
        StepHarness.Build build = harness.newBuild();
        playPod(2, "boom");

        assertThatThrownBy(() -> builder()
                        .perform(
                                build.run,
                                null,
                                new EnvVars(),
                                mock(Launcher.class),
                                build.context.get(TaskListener.class)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("BackoffLimitExceeded");
        assertThat(build.action().getJobs())
                .singleElement()
                .extracting(K8sJobRecord::getStatus)
                .isEqualTo("FAILED");
    }
}
