package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.jobManifest;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A controller that went away (a Jenkins restart) and comes back to its Job. */
class JobRunnerResumeTest {
    private MockCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private static JobRequest request(String name) {
        return JobRequest.builder()
                .manifest(jobManifest("name", name), "job.yaml")
                .build();
    }

    /** The handle as it comes back from disk: serialized, then read in another process. */
    private static JobHandle persisted(JobHandle handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (JobHandle) in.readObject();
        }
    }

    @Test
    void aJobThatFinishedWhileTheControllerWasAwayCompletesWithOutputsFromBothSides() throws Exception {
        RecordingConsole before = new RecordingConsole();
        RunningJob run = new JobRunner(cluster.client).start(request("resumed"), before);
        JobRef job = run.job();
        cluster.serveLog("resumed-p", "main", "early line", "SPINNAKER_PROPERTY_EARLY=yes");
        cluster.addPod(job, "resumed-p", "Running", running("main"));
        MockCluster.await("the early output", Duration.ofSeconds(20), () -> "yes"
                .equals(run.handle()
                        .outputsByPod()
                        .getOrDefault("resumed-p", Map.of())
                        .get("EARLY")));

        JobHandle handle = persisted(run.handle());
        cluster.awaitWatches(job);
        run.detach();
        // while away: the kubelet rotated the log away, the container printed more and ended
        cluster.serveLog("resumed-p", "main", 3, "late line", "SPINNAKER_PROPERTY_LATE=also");
        cluster.setPod(job, "resumed-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(job, "Complete", null, null);
        assertThat(run.result()).isNotDone();

        RecordingConsole after = new RecordingConsole();
        RunningJob resumed = new JobRunner(cluster.client).resume(handle, request("resumed"), after);
        JobResult result = resumed.result().get(30, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(result.job()).isEqualTo(job);
        assertThat(result.outputs()).containsEntry("EARLY", "yes").containsEntry("LATE", "also");
        assertThat(after.lines()).noneMatch(l -> l.contains("Created Job"));
        assertThat(after.text()).contains("late line").doesNotContain("early line");
        assertThat(before.text()).contains("Stopped following Job test/resumed");
    }

    @Test
    void aJobDeletedWhileTheControllerWasAwayFailsClearlyAndKeepsTheOutputsSoFar() throws Exception {
        JobHandle handle = new JobHandle(
                new JobRef(NAMESPACE, "vanished", "0000-1111"),
                Instant.now().plusSeconds(600),
                Map.of(),
                Map.of("vanished-p", Map.of("PARTIAL", "42")),
                List.of("an earlier warning"));
        RecordingConsole console = new RecordingConsole();

        JobResult result = new JobRunner(cluster.client)
                .resume(handle, request("vanished"), console)
                .result()
                .get(30, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().message())
                .isEqualTo("Job test/vanished no longer exists; it was deleted while the controller was away");
        assertThat(result.outputs()).containsEntry("PARTIAL", "42");
        assertThat(result.warnings()).contains("an earlier warning");
        // warnings from before the restart are not printed again
        assertThat(console.text()).doesNotContain("an earlier warning");
    }

    @Test
    void aJobWhoseDeadlinePassedWhileAwayTimesOutOnResume() throws Exception {
        RunningJob run = new JobRunner(cluster.client).start(request("late"), new RecordingConsole());
        cluster.addPod(run.job(), "late-p", "Running", running("main"));
        cluster.awaitWatches(run.job());
        JobHandle handle = run.handle();
        run.detach();
        JobHandle overdue = new JobHandle(
                handle.job(),
                Instant.now().minusSeconds(1),
                handle.logPositions(),
                handle.outputsByPod(),
                handle.warnings());

        RecordingConsole resumed = new RecordingConsole();
        JobResult result = new JobRunner(cluster.client)
                .resume(overdue, request("late"), resumed)
                .result()
                .get(30, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(cluster.job(run.job())).isNull();
        assertThat(resumed.text()).contains("Deleted Job test/late");
        assertThat(result.failure().message()).doesNotContain("could not be deleted");
    }
}
