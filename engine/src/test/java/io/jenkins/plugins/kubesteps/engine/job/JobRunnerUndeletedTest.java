package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.jobManifest;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run we stopped (timeout, cancel) whose Job cannot be deleted, or whose end breaks before the
 * cleanup: the Job may still be running, so the user must learn it from the result and the console.
 */
class JobRunnerUndeletedTest {
    private static final String FORBIDDEN = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"jobs.batch \\\"%s\\\" is forbidden: User \\\"ci\\\""
            + " cannot delete resource \\\"jobs\\\"\"}";
    private static final String SERVER_ERROR =
            "{\"kind\":\"Status\",\"code\":500,\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\"}";

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

    private static JobRequest request(String name) {
        return JobRequest.builder()
                .manifest(jobManifest("name", name), "job.yaml")
                .build();
    }

    private static JobResult result(RunningJob run) throws Exception {
        return run.result().get(60, TimeUnit.SECONDS);
    }

    private static boolean deleteOf(RecordedRequest r, String name) {
        return r.getMethod().equals("DELETE") && r.getPath().endsWith("/jobs/" + name);
    }

    private List<String> deletes(String name) {
        return cluster.dispatcher.requests().stream()
                .filter(r -> r.startsWith("DELETE") && r.endsWith("/jobs/" + name))
                .toList();
    }

    private static String undeleted(String name) {
        return "the Job test/" + name + " could not be deleted: ";
    }

    private static String howToDelete(String name) {
        return "; it may still be running - delete it with kubectl delete job -n test " + name;
    }

    @Test
    void aTimeoutWhoseDeleteIsRefusedSaysTheJobMayStillRunAndHowToDeleteIt() throws Exception {
        cluster.dispatcher.intercept(
                r -> deleteOf(r, "refused"),
                r -> new MockResponse().setResponseCode(403).setBody(FORBIDDEN.formatted("refused")));
        RunningJob run = new JobRunner(cluster.client)
                .start(
                        request("refused").toBuilder()
                                .timeout(Duration.ofMillis(800))
                                .build(),
                        console);
        cluster.addPod(run.job(), "refused-p", "Running", running("main"));

        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(result.failure().message())
                .startsWith("timed out after 800ms; " + undeleted("refused") + "forbidden (HTTP 403)")
                .contains("cannot delete resource")
                .endsWith(howToDelete("refused"));
        assertThat(console.lines())
                .anySatisfy(l -> assertThat(l).startsWith(undeleted("refused")).endsWith(howToDelete("refused")));
        assertThat(console.text()).doesNotContain("Deleted Job");
        assertThat(cluster.job(run.job())).isNotNull();
        // a refusal does not pass by itself: asking again would only delay the answer
        assertThat(deletes("refused")).hasSize(1);
    }

    @Test
    void aCancelWhoseDeleteFailsAtFirstIsRetriedUntilTheJobIsGone() throws Exception {
        for (int i = 0; i < 3; i++) {
            cluster.dispatcher.interceptOnce(
                    r -> deleteOf(r, "flaky"),
                    r -> new MockResponse().setResponseCode(500).setBody(SERVER_ERROR));
        }
        RunningJob run = new JobRunner(cluster.client).start(request("flaky"), console);
        cluster.addPod(run.job(), "flaky-p", "Running", running("main"));

        run.cancel("Aborted by alice");
        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(result.failure().message()).isEqualTo("Aborted by alice");
        assertThat(cluster.job(run.job())).isNull();
        assertThat(deletes("flaky")).hasSizeGreaterThan(3);
        assertThat(console.text())
                .contains("Could not delete Job test/flaky: the API server failed (HTTP 500")
                .contains("trying again for up to")
                .contains("Deleted Job test/flaky");
    }

    @Test
    void aDeleteThatKeepsFailingIsReportedOnceTheRetriesRunOut() throws Exception {
        cluster.dispatcher.intercept(
                r -> deleteOf(r, "down"),
                r -> new MockResponse().setResponseCode(500).setBody(SERVER_ERROR));
        RunningJob run = new JobRunner(cluster.client, JobLogs.podLogs(), Duration.ofMinutes(1), Duration.ofSeconds(1))
                .start(request("down"), console);

        run.cancel("Aborted by bob");
        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(result.failure().message())
                .startsWith("Aborted by bob; " + undeleted("down") + "the API server failed (HTTP 500")
                .endsWith(howToDelete("down"));
        assertThat(console.text()).contains(undeleted("down"));
        assertThat(cluster.job(run.job())).isNotNull();
    }

    @Test
    void aFailureBeforeTheCleanupStillDeletesTheJobAndIsReported() throws Exception {
        RunningJob run = new JobRunner(cluster.client, ThrowingLogs.atTheEnd(), Duration.ofMinutes(1))
                .start(request("broken"), console);
        cluster.addPod(run.job(), "broken-p", "Running", running("main"));

        run.cancel("Aborted");
        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().message())
                .isEqualTo("Could not finish following Job test/broken: IllegalStateException: log follower broke"
                        + " at the end");
        assertThat(cluster.job(run.job())).isNull();
        assertThat(console.text()).contains("Deleted Job test/broken");
    }

    @Test
    void aConsoleThatFailsWhileTheEndIsPrintedStillLeavesNoJobBehind() throws Exception {
        RecordingConsole seen = new RecordingConsole();
        Console closing = new Console() {
            @Override
            public void line(String text) {
                if (text.contains("was cancelled")) {
                    throw new IllegalStateException("the build log is closed");
                }
                seen.line(text);
            }

            @Override
            public void link(String url, String label) {
                seen.link(url, label);
            }
        };
        RunningJob run = new JobRunner(cluster.client).start(request("closing"), closing);

        run.cancel("Aborted");
        JobResult result = result(run);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().message()).contains("the build log is closed");
        assertThat(cluster.job(run.job())).isNull();
        assertThat(seen.text()).contains("Deleted Job test/closing");
    }
}
