package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process API server (fabric8's mock in CRUD mode) plus what a real cluster's controllers
 * would do: the test plays the Job controller and the kubelet by creating pods and writing their
 * status and the Job's conditions.
 */
final class MockCluster implements AutoCloseable {
    static final String NAMESPACE = "test";

    /** Held so the setting sticks: the mock server logs every request at INFO. */
    private static final Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    final KubernetesMockServer server;
    final InterceptingDispatcher dispatcher;
    final KubernetesClient client;
    /** The controller's own client, so its requests are not mistaken for the runner's. */
    final KubernetesClient controller;

    private final Map<String, String> logs = new ConcurrentHashMap<>();

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        dispatcher = new InterceptingDispatcher(new KubernetesMixedDispatcher(expectations));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
        server.init();
        // fabric8 retries 5xx answers with a backoff of up to ~100 s; one retry shows the behaviour
        client = server.createClient(
                b -> b.editOrNewConfig().withRequestRetryBackoffLimit(1).endConfig());
        controller = server.createClient();
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    static String jobManifest(String nameField, String name) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  %s: %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox:1.36
                        command: ["sh", "-c", "echo hello"]
                """
                .formatted(nameField, name);
    }

    Job job(JobRef ref) {
        return controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(ref.namespace())
                .withName(ref.name())
                .get();
    }

    /**
     * Creates a pod of the Job the way the Job controller does: the template's labels, the
     * job-name label and an owner reference; with its status in the same request, so the watch sees one event.
     */
    Pod addPod(JobRef job, String podName, String phase, ContainerStatus... containers) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(job.namespace())
                .addToLabels(JobWatch.podLabels(job(job)))
                .addToLabels(JobWatch.JOB_NAME_LABEL, job.name())
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(job.name())
                .withUid(job.uid())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .withContainerStatuses(containers)
                .endStatus()
                .build();
        return controller.pods().inNamespace(job.namespace()).resource(pod).create();
    }

    Pod setPod(JobRef job, String podName, String phase, ContainerStatus... containers) {
        return setPod(job, podName, phase, List.of(), containers);
    }

    Pod setPod(JobRef job, String podName, String phase, List<PodCondition> conditions, ContainerStatus... containers) {
        Pod pod =
                controller.pods().inNamespace(job.namespace()).withName(podName).get();
        pod.setStatus(new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(new ArrayList<>(conditions))
                .withContainerStatuses(containers)
                .build());
        return controller.pods().inNamespace(job.namespace()).resource(pod).updateStatus();
    }

    static PodCondition unschedulable(String message) {
        return new PodConditionBuilder()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage(message)
                .build();
    }

    static ContainerStatus running(String name) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-01-01T00:00:00Z")
                .endRunning()
                .endState()
                .build();
    }

    static ContainerStatus terminated(String name, int exitCode, String reason, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withMessage(message)
                .withFinishedAt("2026-01-01T00:00:01Z")
                .endTerminated()
                .endState()
                .build();
    }

    static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build();
    }

    /** Sets a condition the way the Job controller does when the Job is over. */
    void finishJob(JobRef ref, String type, String reason, String message) {
        Job job = job(ref);
        job.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder()
                        .withType(type)
                        .withStatus("True")
                        .withReason(reason)
                        .withMessage(message)
                        .build())
                .build());
        controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(ref.namespace())
                .resource(job)
                .updateStatus();
    }

    /**
     * Serves a container's log (the kubelet's part), replacing what was served before; line i gets
     * the timestamp prefix the API server adds for {@code timestamps=true}, nanosecond {@code
     * firstIndex + i}.
     */
    void serveLog(String pod, String container, int firstIndex, String... lines) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            body.append("2026-01-01T00:00:00.%09dZ ".formatted(firstIndex + i))
                    .append(lines[i])
                    .append('\n');
        }
        String key = pod + "/" + container;
        if (logs.put(key, body.toString()) == null) {
            dispatcher.intercept(
                    r -> r.getPath().contains("/pods/" + pod + "/log?")
                            && r.getPath().contains("container=" + container),
                    r -> new MockResponse().setResponseCode(200).setBody(logs.get(key)));
        }
    }

    /** The container's log cannot be read: every request for it gets {@code code} (404: the log is gone). */
    void failLog(String pod, String container, int code) {
        dispatcher.intercept(
                r -> r.getPath().contains("/pods/" + pod + "/log?")
                        && r.getPath().contains("container=" + container),
                r -> new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"code\":" + code + "}"));
    }

    void serveLog(String pod, String container, String... lines) {
        serveLog(pod, container, 1, lines);
    }

    /**
     * Waits until the runner watches the Job and its pods (its own watches, or the namespace's
     * shared ones), so that what the test does next meets a run that follows its Job.
     */
    void awaitWatches(JobRef job) throws InterruptedException {
        await(
                "watches of " + job,
                Duration.ofSeconds(20),
                () -> dispatcher.requests().stream()
                                .filter(r -> r.contains("watch=true")
                                        && (r.contains("%3D" + job.name() + "&")
                                                || r.contains("managed-by%3D" + JobRunner.MANAGED_BY)))
                                .count()
                        >= 2);
    }

    /** Whether the runner's informers have opened their watches (Job and pods). */
    boolean watching(int watches) {
        return dispatcher.requests().stream()
                        .filter(r -> r.contains("watch=true"))
                        .count()
                >= watches;
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        client.close();
        controller.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // the runs under test have completed by now, so only the mock's shutdown is late
            System.err.println("Mock API server did not shut down in time: " + e);
        }
    }
}
