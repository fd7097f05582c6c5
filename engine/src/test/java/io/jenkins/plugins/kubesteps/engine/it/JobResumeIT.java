package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.await;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /**
     * Lines written in bursts share timestamps (or nearly): the saved position must still tell
     * exactly which of them were printed.
     */
    @Test
    void resumedInTheMiddleOfFastBurstsNeitherRepeatsNorLosesALine() throws Exception {
        String script =
                """
                b=1
                while [ $b -le 8 ]; do seq -f "b$b-%g" 1 2000; b=$((b+1)); sleep 0.3; done
                """;
        JobRequest request = request(job(script)).build();
        RecordedConsole before = new RecordedConsole();
        JobHandle handle = detachAfter(request, before, "b3-1000");

        RecordedConsole after = new RecordedConsole();
        JobResult result;
        try (KubernetesClient fresh = EngineCluster.adminClient()) {
            result = await(new JobRunner(fresh).resume(roundTrip(handle), request, after));
        }

        assertStatus(result, after, JobStatus.SUCCEEDED);
        List<String> expected = new ArrayList<>();
        for (int b = 1; b <= 8; b++) {
            for (int i = 1; i <= 2000; i++) {
                expected.add("b" + b + "-" + i);
            }
        }
        assertOnceInOrder(before, after, expected);
    }

    @Test
    void resumedAfterSomeoneDeletedTheJobFailsAndSaysSo() throws Exception {
        JobRequest request = request(job(SCRIPT)).build();
        JobHandle handle = detachAfter(request, new RecordedConsole(), "line-2");
        try (KubernetesClient admin = EngineCluster.adminClient()) {
            admin.batch()
                    .v1()
                    .jobs()
                    .inNamespace(handle.job().namespace())
                    .withName(handle.job().name())
                    .delete();
            EngineCluster.awaitJobAndPodsGone(admin, handle.job(), "a person deleted the Job");
        }

        RecordedConsole after = new RecordedConsole();
        JobResult result;
        try (KubernetesClient fresh = EngineCluster.adminClient()) {
            result = await(new JobRunner(fresh).resume(roundTrip(handle), request, after));
        }

        assertStatus(result, after, JobStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("JobDeleted");
        assertThat(result.failure().message()).contains(handle.job().toString()).contains("no longer exists");
        assertThat(result.outputs())
                .as("what was captured before the restart is kept")
                .containsOnly(entry("before", "1"));
    }

    /**
     * Starts the Job and detaches the moment {@code line} reaches the console — while the stream is
     * still delivering lines received with it, as a restart can hit at any line — and returns the
     * handle taken then.
     */
    /** Starts a run, detaches once {@code line} was printed (the follower going away) and returns its handle. */
    static JobHandle detachAfter(JobRequest request, RecordedConsole console, String line) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        Console signalling = new Console() {
            @Override
            public void line(String text) {
                console.line(text);
                if (text.endsWith("] " + line)) {
                    reached.countDown();
                } else if (reached.getCount() == 0) {
                    // a console that takes its time (as a busy Jenkins does) keeps the stream mid-burst
                    EngineCluster.sleep(Duration.ofMillis(2));
                }
            }

            @Override
            public void link(String url, String label) {
                console.link(url, label);
            }
        };
        try (KubernetesClient first = EngineCluster.adminClient()) {
            RunningJob running = new JobRunner(first).start(request, signalling);
            assertThat(reached.await(EngineCluster.RUN_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("'%s' on the console", line)
                    .isTrue();
            running.detach();
            int printed = console.logTexts().size();
            JobHandle handle = running.handle();
            EngineCluster.sleep(Duration.ofSeconds(1));
            assertThat(console.logTexts().size() - printed)
                    .as(
                            "lines printed after detach() returned (the handle does not count them, so a resumed"
                                    + " run prints them again); detached after %d lines, position %s",
                            printed, handle.logPositions())
                    .isZero();
            return handle;
        }
    }

    private static void assertLinesOnceInOrder(RecordedConsole before, RecordedConsole after) {
        List<String> expected = new ArrayList<>();
        expected.add("SPINNAKER_PROPERTY_before=1");
        IntStream.rangeClosed(1, LINES).forEach(i -> expected.add("line-" + i));
        expected.add("SPINNAKER_PROPERTY_after=2");
        assertOnceInOrder(before, after, expected);
    }

    /** Both consoles together hold exactly {@code expected}; on failure, says where they part. */
    private static void assertOnceInOrder(RecordedConsole before, RecordedConsole after, List<String> expected) {
        List<String> printed = new ArrayList<>(before.logTexts());
        printed.addAll(after.logTexts());
        int at = 0;
        while (at < Math.min(printed.size(), expected.size()) && printed.get(at).equals(expected.get(at))) {
            at++;
        }
        assertThat(at == printed.size() && at == expected.size())
                .as(
                        "%d lines before the restart + %d after, %d expected; they part at line %d: %s instead of %s",
                        before.logTexts().size(),
                        after.logTexts().size(),
                        expected.size(),
                        at,
                        printed.subList(at, Math.min(printed.size(), at + 3)),
                        expected.subList(at, Math.min(expected.size(), at + 3)))
                .isTrue();
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
