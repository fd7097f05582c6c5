package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.jobManifest;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.terminated;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following the Job by watching: no polling, recovery from expired and dropped watches, broken handlers. */
class JobRunnerWatchTest {
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

    private RunningJob start(String name) {
        return new JobRunner(cluster.client)
                .start(
                        JobRequest.builder()
                                .manifest(jobManifest("name", name), "job.yaml")
                                .build(),
                        console);
    }

    private static Predicate<RecordedRequest> jobWatch() {
        return r -> r.getPath().startsWith("/apis/batch/v1/namespaces/test/jobs?")
                && r.getPath().contains("watch=true");
    }

    /** A watch the server ends the way the informer must survive: with an event, or by hanging up. */
    private static MockResponse watchThat(String event) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                if (event != null) {
                    webSocket.send(event);
                }
                webSocket.close(1000, "server going away");
            }
        });
    }

    private void assertRecovers(MockResponse brokenWatch) throws Exception {
        cluster.dispatcher.interceptOnce(jobWatch(), r -> brokenWatch);
        RunningJob run = start("recover");
        // the first watch broke; the informer lists and watches again
        MockCluster.await("a second Job watch", Duration.ofSeconds(20), () -> countJobWatches() >= 2);
        cluster.addPod(run.job(), "recover-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(run.job(), "Complete", null, null);

        assertThat(run.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    private long countJobWatches() {
        return cluster.dispatcher.requests().stream()
                .filter(r -> r.startsWith("GET /apis/batch/v1/namespaces/test/jobs?") && r.contains("watch=true"))
                .count();
    }

    @Test
    void recoversFromAWatchThatExpiredWith410Gone() throws Exception {
        String gone = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":"
                + "\"Failure\",\"message\":\"too old resource version: 1 (5)\",\"reason\":\"Expired\",\"code\":410}}";
        assertRecovers(watchThat(gone));
        // 410 means "list again": a fresh list of Jobs follows the broken watch
        List<String> requests = cluster.dispatcher.requests();
        long jobLists = requests.stream()
                .filter(r -> r.startsWith("GET /apis/batch/v1/namespaces/test/jobs?") && !r.contains("watch=true"))
                .count();
        assertThat(jobLists).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFirstListThatLagsBehindTheCreatedJobIsNotTakenForADeletion() throws Exception {
        // An API server may answer the informer's first list from its watch cache, before it has
        // seen the Job created a moment ago.
        cluster.dispatcher.interceptOnce(
                r -> r.getPath().startsWith("/apis/batch/v1/namespaces/test/jobs?")
                        && !r.getPath().contains("watch=true"),
                r -> new MockResponse()
                        .setResponseCode(200)
                        .setBody("{\"apiVersion\":\"batch/v1\",\"kind\":\"JobList\","
                                + "\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}"));
        RunningJob run = start("lagging");
        cluster.addPod(run.job(), "lagging-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(run.job(), "Complete", null, null);

        assertThat(run.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void recoversFromAWatchTheServerHungUp() throws Exception {
        assertRecovers(watchThat(null));
    }

    @Test
    void aJobThatRunsTenTimesLongerCostsNoMoreRequests() throws Exception {
        long shortRun = requestsOfARunLasting("short", Duration.ofMillis(300));
        long longRun = requestsOfARunLasting("long", Duration.ofMillis(3000));

        assertThat(longRun).isEqualTo(shortRun);
    }

    private long requestsOfARunLasting(String name, Duration duration) throws Exception {
        int before = cluster.dispatcher.requests().size();
        RunningJob run = start(name);
        // the mock ends a log stream at once where a real API server keeps a followed stream open;
        // a pod still being created keeps log streaming out of this count
        cluster.addPod(run.job(), name + "-p", "Pending", waiting("main", "ContainerCreating", null));
        MockCluster.await("watches", Duration.ofSeconds(10), () -> countWatchesSince(before) >= 2);
        Thread.sleep(duration.toMillis());
        cluster.setPod(run.job(), name + "-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(run.job(), "Complete", null, null);
        run.result().get(30, TimeUnit.SECONDS);
        return cluster.dispatcher.requests().size() - before;
    }

    private long countWatchesSince(int index) {
        List<String> requests = cluster.dispatcher.requests();
        return requests.subList(index, requests.size()).stream()
                .filter(r -> r.contains("watch=true"))
                .count();
    }

    @Test
    void aRunnerForOneJobListsAndWatchesThatJobAndItsPodsAloneNotTheWholeNamespace() throws Exception {
        // a namespace that keeps earlier Jobs of the engine: a shared watch would list every one
        new JobRunner(cluster.client).start(request("earlier"), console);
        MockCluster.await("the shared watches", Duration.ofSeconds(10), () -> countWatchesSince(0) >= 2);
        int before = cluster.dispatcher.requests().size();

        RunningJob run = new JobRunner(cluster.client, JobWatching.PER_JOB).start(request("alone"), console);
        MockCluster.await("watches", Duration.ofSeconds(10), () -> countWatchesSince(before) >= 2);
        cluster.addPod(run.job(), "alone-p", "Succeeded", terminated("main", 0, "Completed", null));
        cluster.finishJob(run.job(), "Complete", null, null);

        assertThat(run.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
        List<String> reads =
                cluster
                        .dispatcher
                        .requests()
                        .subList(before, cluster.dispatcher.requests().size())
                        .stream()
                        .filter(r -> r.startsWith("GET ") && r.contains("?"))
                        .toList();
        assertThat(reads.stream().filter(r -> r.startsWith("GET /apis/batch/v1/namespaces/test/jobs?")))
                .isNotEmpty()
                .allMatch(r -> r.contains("fieldSelector=metadata.name%3Dalone"), "selects the Job by its name");
        assertThat(reads.stream().filter(r -> r.startsWith("GET /api/v1/namespaces/test/pods?")))
                .isNotEmpty()
                .allMatch(r -> r.contains("labelSelector=job-name%3Dalone"), "selects the Job's pods");
        assertThat(reads).noneMatch(r -> r.contains("managed-by"));
    }

    private static JobRequest request(String name) {
        return JobRequest.builder()
                .manifest(jobManifest("name", name), "job.yaml")
                .build();
    }

    @Test
    void anExceptionInAnEventHandlerEndsTheRunAsFailedInsteadOfHanging() throws Exception {
        RunningJob run = new JobRunner(cluster.client, ThrowingLogs.factory(), Duration.ofSeconds(5))
                .start(
                        JobRequest.builder()
                                .manifest(jobManifest("name", "broken"), "job.yaml")
                                .build(),
                        console);
        cluster.addPod(run.job(), "broken-p", "Running", running("main"));

        JobResult result = run.result().get(30, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure().message()).contains("log follower broke on broken-p");
    }
}
