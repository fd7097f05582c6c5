package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.jobManifest;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.watch.SharedWatch;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs of one client in one namespace share its two watches, which end with the last run. */
class SharedJobWatchTest {
    private MockCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private RunningJob start(String name) {
        return new JobRunner(cluster.client)
                .start(
                        JobRequest.builder()
                                .manifest(jobManifest("name", name), "job.yaml")
                                .build(),
                        new RecordingConsole());
    }

    private long sharedWatchRequests() {
        return cluster.dispatcher.requests().stream()
                .filter(r -> r.contains("watch=true") && r.contains("managed-by%3D" + JobRunner.MANAGED_BY))
                .count();
    }

    private void succeed(RunningJob run, String pod) throws Exception {
        cluster.addPod(run.job(), pod, "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(run.job(), "Complete", null, null);
        assertThat(run.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void threeRunsShareTwoWatchesThatEndWithTheLastRun() throws Exception {
        RunningJob first = start("first");
        RunningJob second = start("second");
        RunningJob third = start("third");
        MockCluster.await("the shared watches", Duration.ofSeconds(10), () -> sharedWatchRequests() >= 2);

        succeed(first, "first-p");
        assertThat(second.result()).isNotDone();
        assertThat(SharedWatch.running(cluster.client))
                .as("watches while two runs remain")
                .isEqualTo(2);
        succeed(second, "second-p");
        succeed(third, "third-p");

        assertThat(sharedWatchRequests()).as("watch requests for three runs").isEqualTo(2);
        MockCluster.await(
                "the watches to stop", Duration.ofSeconds(10), () -> SharedWatch.running(cluster.client) == 0);
        RunningJob later = start("later");
        MockCluster.await("new watches", Duration.ofSeconds(10), () -> sharedWatchRequests() >= 4);
        succeed(later, "later-p");
    }

    @Test
    void aRunWhoseHandlerThrowsFailsAloneTheOthersOnTheSameWatchGoOn() throws Exception {
        RunningJob broken = new JobRunner(cluster.client, ThrowingLogs.factory(), Duration.ofSeconds(5))
                .start(
                        JobRequest.builder()
                                .manifest(jobManifest("name", "broken"), "job.yaml")
                                .build(),
                        new RecordingConsole());
        RunningJob healthy = start("healthy");
        MockCluster.await("the shared watches", Duration.ofSeconds(10), () -> sharedWatchRequests() >= 2);

        cluster.addPod(broken.job(), "broken-p", "Running", running("main"));
        JobResult failed = broken.result().get(30, TimeUnit.SECONDS);
        succeed(healthy, "healthy-p");

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failure().message()).contains("log follower broke on broken-p");
        assertThat(sharedWatchRequests()).isEqualTo(2);
    }
}
