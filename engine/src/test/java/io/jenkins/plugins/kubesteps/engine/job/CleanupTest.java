package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting our Job once the run ended must never delete a newer Job that another run created under
 * the same fixed name in the meantime: the DELETE carries our uid as a precondition, and the API
 * server's 409 Conflict leaves the newer Job alone.
 */
class CleanupTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockCluster cluster;
    private RecordingConsole console;
    private Warnings warnings;
    /** Bodies of the DELETE requests the API server received. */
    private final List<JsonNode> deletes = new CopyOnWriteArrayList<>();
    /** uid of the Job each name holds in the store. */
    private final Map<String, String> storedUids = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        console = new RecordingConsole();
        warnings = new Warnings(console, List.of());
        // the mock store ignores preconditions; answer as a real API server does
        cluster.dispatcher.intercept(this::deleteFailingItsUidPrecondition, r -> new MockResponse()
                .setResponseCode(409)
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\","
                        + "\"code\":409,\"message\":\"Precondition failed: UID in precondition does not match\"}"));
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void deletesOurJobWithItsUidAsPreconditionAndBackgroundPropagation() throws Exception {
        JobRef ours = create("nightly");

        clean(ours, CleanupPolicy.ALWAYS, JobStatus.SUCCEEDED, false, live(ours), console, warnings);

        assertThat(cluster.job(ours)).isNull();
        assertThat(console.lines())
                .contains("Deleted Job " + ours + "; Kubernetes deletes its pods in the background.");
        assertThat(deletes).singleElement().satisfies(body -> {
            assertThat(body.at("/preconditions/uid").asText()).isEqualTo(ours.uid());
            assertThat(body.at("/propagationPolicy").asText()).isEqualTo("Background");
        });
        assertThat(warnings.snapshot()).isEmpty();
    }

    @Test
    void aNewerJobOfTheSameNameCreatedWhileWeCleanUpIsLeftAlone() throws Exception {
        JobRef ours = create("nightly");
        Job lastSeen = live(ours);
        // another run replaced our Job; a GET now would still race with the DELETE that follows
        deleteBehindOurBack("nightly");
        JobRef newer = create("nightly");
        // an answer from before the replacement, for a cleanup that reads the Job first
        cluster.dispatcher.interceptOnce(
                r -> r.getMethod().equals("GET") && r.getPath().endsWith("/jobs/nightly"),
                r -> new MockResponse().setResponseCode(200).setBody(asJson(lastSeen)));

        clean(ours, CleanupPolicy.ALWAYS, JobStatus.FAILED, true, lastSeen, console, warnings);

        assertThat(cluster.job(newer)).as("the newer Job survives").isNotNull();
        assertThat(cluster.job(newer).getMetadata().getUid()).isEqualTo(newer.uid());
        assertThat(console.lines()).contains("Job " + ours + " is now another Job of the same name; left it alone.");
        assertThat(warnings.snapshot()).isEmpty();
    }

    @Test
    void aJobAlreadyGoneIsSaidSoWithoutAWarning() throws Exception {
        JobRef ours = create("gone");
        Job lastSeen = live(ours);
        deleteBehindOurBack("gone");

        clean(ours, CleanupPolicy.ALWAYS, JobStatus.SUCCEEDED, false, lastSeen, console, warnings);

        assertThat(console.lines()).contains("Job " + ours + " was already gone.");
        assertThat(warnings.snapshot()).isEmpty();
    }

    @Test
    void aRefusedDeleteIsAWarningThatNamesTheProblem() throws Exception {
        JobRef ours = create("locked");
        cluster.dispatcher.interceptOnce(
                r -> r.getMethod().equals("DELETE") && r.getPath().endsWith("/jobs/locked"), r -> new MockResponse()
                        .setResponseCode(403)
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"jobs.batch \\\"locked\\\" is "
                                + "forbidden: User \\\"ci\\\" cannot delete resource \\\"jobs\\\"\"}"));

        clean(ours, CleanupPolicy.ALWAYS, JobStatus.SUCCEEDED, false, live(ours), console, warnings);

        assertThat(cluster.job(ours)).isNotNull();
        assertThat(warnings.snapshot())
                .singleElement()
                .asString()
                .contains("Could not delete Job " + ours)
                .contains("403")
                .contains("cannot delete resource");
        assertThat(console.text()).doesNotContain("Deleted Job");
    }

    private void clean(
            JobRef job,
            CleanupPolicy policy,
            JobStatus status,
            boolean stoppedByUs,
            Job live,
            RecordingConsole out,
            Warnings warned)
            throws Exception {
        Cleanup.apply(
                        cluster.client,
                        job,
                        policy,
                        status,
                        stoppedByUs,
                        live,
                        out,
                        warned,
                        Instant.now().plusSeconds(30))
                .get(60, TimeUnit.SECONDS);
    }

    /** Records each DELETE of a Job and tells whether its uid precondition fails against the store. */
    private boolean deleteFailingItsUidPrecondition(RecordedRequest request) {
        if (!request.getMethod().equals("DELETE") || !request.getPath().contains("/jobs/")) {
            return false;
        }
        JsonNode body;
        try {
            String text = request.getUtf8Body();
            body = JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        deletes.add(body);
        String name = request.getPath().replaceAll(".*/jobs/([^/?]+).*", "$1");
        // from the test's own record: a request back to the server from inside its dispatcher could block
        String stored = storedUids.get(name);
        JsonNode uid = body.at("/preconditions/uid");
        return stored != null && !uid.isMissingNode() && !uid.asText().equals(stored);
    }

    /** Deletes a Job the way another user or run would, without preconditions. */
    private void deleteBehindOurBack(String name) {
        cluster.controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withName(name)
                .delete();
        storedUids.remove(name);
    }

    private JobRef create(String name) {
        Job job = cluster.controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        storedUids.put(name, job.getMetadata().getUid());
        return new JobRef(NAMESPACE, name, job.getMetadata().getUid());
    }

    private Job live(JobRef job) {
        return cluster.job(job);
    }

    private String asJson(Job job) {
        return cluster.controller.getKubernetesSerialization().asJson(job);
    }
}
