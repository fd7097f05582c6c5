package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.await;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.job.JobHandle;
import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Job must not outlive its follower unbounded: the engine writes the timeout into the Job as
 * {@code activeDeadlineSeconds}, and a Job whose follower is gone (no handle saved) can be found
 * again by name and followed to its end with all of its outputs.
 */
class JobDeadlineIT {
    @BeforeAll
    static void start() {
        EngineCluster.cluster();
    }

    @Test
    void theTimeoutBecomesTheJobsDeadlineUnlessTheManifestOrTheRequestSaysOtherwise() throws Exception {
        String sleeper = job("sleep 300");
        assertThat(deadlineOf(request(sleeper).timeout(Duration.ofSeconds(45))))
                .isEqualTo(45 + JobRequest.DEADLINE_MARGIN.toSeconds());
        assertThat(deadlineOf(request(sleeper).timeout(Duration.ofSeconds(45)).activeDeadline(false)))
                .isNull();
        String own = EngineCluster.job("it-", 0, "  activeDeadlineSeconds: 500\n", "busybox", "sleep 300");
        assertThat(deadlineOf(request(own).timeout(Duration.ofSeconds(45)))).isEqualTo(500L);
    }

    @Test
    void aJobWhoseFollowerIsGoneIsFollowedAgainByNameWithAllItsOutputs() throws Exception {
        JobRequest request = request(
                        job(
                                """
                        echo SPINNAKER_PROPERTY_early=1
                        echo started
                        sleep 6
                        echo later
                        echo SPINNAKER_PROPERTY_late=2
                        """))
                .build();
        // the follower goes away and its handle with it, as when a process is killed
        JobRef ref = JobResumeIT.detachAfter(request, new RecordedConsole(), "started")
                .job();

        RecordedConsole console = new RecordedConsole();
        JobResult result;
        try (KubernetesClient fresh = EngineCluster.adminClient()) {
            JobRunner runner = new JobRunner(fresh);
            JobRequest attach = request.toBuilder().logsSince(Instant.now()).build();
            JobHandle handle = runner.handleOf(ref.namespace(), ref.name(), attach);
            assertThat(handle.job()).isEqualTo(ref);
            result = await(runner.resume(handle, attach, console));
        }

        assertStatus(result, console, JobStatus.SUCCEEDED);
        assertThat(result.outputs()).containsOnly(entry("early", "1"), entry("late", "2"));
        assertThat(result.outputsComplete()).isTrue();
        assertThat(console.logTexts()).contains("later").doesNotContain("started");
    }

    /** The Job's activeDeadlineSeconds as created for this request; the run is cancelled after. */
    private static Long deadlineOf(JobRequest.Builder request) {
        try (KubernetesClient client = EngineCluster.adminClient()) {
            RunningJob running = new JobRunner(client).start(request.build(), new RecordedConsole());
            Long deadline =
                    EngineCluster.liveJob(client, running.job()).getSpec().getActiveDeadlineSeconds();
            running.cancel("the test read what it needed");
            await(running);
            return deadline;
        }
    }
}
