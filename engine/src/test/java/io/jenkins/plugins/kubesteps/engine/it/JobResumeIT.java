package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.await;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.job.JobHandle;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Jenkins restart in the middle of a Job: the run detaches, its handle is persisted (Java
 * serialization, as the Pipeline program is), and a new process with a new client resumes it —
 * every log line is printed exactly once across both consoles, and outputs printed before the
 * restart still count.
 */
class JobResumeIT {
    private static final int LINES = 30;

    /** Prints an output, then a line every 0.2 s, then another output. */
    private static final String SCRIPT =
            """
            echo "SPINNAKER_PROPERTY_before=1"
            i=1
            while [ $i -le %d ]; do echo "line-$i"; i=$((i+1)); sleep 0.2; done
            echo "SPINNAKER_PROPERTY_after=2"
            """
                    .formatted(LINES);

    @BeforeAll
    static void start() {
        EngineCluster.cluster();
    }

    @Test
    void resumedWhileTheJobRunsContinuesWithoutDuplicateLines() throws Exception {
        JobRequest request = request(job(SCRIPT)).build();
        RecordedConsole before = new RecordedConsole();
        JobHandle handle = detachAfter(request, before, "line-5");

        RecordedConsole after = new RecordedConsole();
        JobResult result;
        try (KubernetesClient fresh = EngineCluster.adminClient()) {
            result = await(new JobRunner(fresh).resume(roundTrip(handle), request, after));
        }

        assertStatus(result, after, JobStatus.SUCCEEDED);
        assertThat(after.logTexts())
                .as("something was still to come after the restart")
                .isNotEmpty();
        assertLinesOnceInOrder(before, after);
        assertThat(result.outputs()).containsOnly(entry("before", "1"), entry("after", "2"));
    }

    @Test
    void resumedAfterTheJobFinishedPrintsOnlyWhatWasMissed() throws Exception {
        JobRequest request = request(job(SCRIPT)).build();
        RecordedConsole before = new RecordedConsole();
        JobHandle handle = detachAfter(request, before, "line-3");
        try (KubernetesClient admin = EngineCluster.adminClient()) {
            EngineCluster.waitFor(
                    EngineCluster.RUN_LIMIT, "Job " + handle.job() + " to finish while nobody follows it", () -> {
                        var live = EngineCluster.liveJob(admin, handle.job());
                        return live.getStatus() != null
                                && Integer.valueOf(1).equals(live.getStatus().getSucceeded());
                    });
        }

        RecordedConsole after = new RecordedConsole();
        JobResult result;
        try (KubernetesClient fresh = EngineCluster.adminClient()) {
            result = await(new JobRunner(fresh).resume(roundTrip(handle), request, after));
        }

        assertStatus(result, after, JobStatus.SUCCEEDED);
        assertLinesOnceInOrder(before, after);
        assertThat(result.outputs()).containsOnly(entry("before", "1"), entry("after", "2"));
    }

    /** Starts the Job, detaches once {@code line} was printed, and returns the handle taken then. */
    private static JobHandle detachAfter(JobRequest request, RecordedConsole console, String line) {
        try (KubernetesClient first = EngineCluster.adminClient()) {
            RunningJob running = new JobRunner(first).start(request, console);
            EngineCluster.waitFor(
                    EngineCluster.RUN_LIMIT, "'" + line + "' on the console", () -> console.printed(line));
            running.detach();
            JobHandle handle = running.handle();
            int printed = console.logTexts().size();
            EngineCluster.sleep(Duration.ofSeconds(1));
            assertThat(console.logTexts()).as("nothing printed after detach").hasSize(printed);
            assertThat(running.result()).as("a detached run does not complete").isNotDone();
            return handle;
        }
    }

    private static void assertLinesOnceInOrder(RecordedConsole before, RecordedConsole after) {
        List<String> expected = new ArrayList<>();
        expected.add("SPINNAKER_PROPERTY_before=1");
        IntStream.rangeClosed(1, LINES).forEach(i -> expected.add("line-" + i));
        expected.add("SPINNAKER_PROPERTY_after=2");
        List<String> printed = new ArrayList<>(before.logTexts());
        printed.addAll(after.logTexts());
        assertThat(printed)
                .as("before the restart:\n%s\n--- after:\n%s", before.text(), after.text())
                .containsExactlyElementsOf(expected);
    }

    /** The handle as a resumed Jenkins gets it: written to disk and read back. */
    private static JobHandle roundTrip(JobHandle handle) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (JobHandle) in.readObject();
        }
    }
}
