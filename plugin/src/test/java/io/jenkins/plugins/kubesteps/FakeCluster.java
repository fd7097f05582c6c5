package io.jenkins.plugins.kubesteps;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's in-process API server in CRUD mode, where the test plays the Job controller and the
 * kubelet: it creates the Job's pod, writes statuses and conditions, and serves container logs
 * (with the timestamps and inclusive, second-granular {@code sinceTime} of the real API server,
 * which is what lets a resumed step skip what it already printed).
 */
final class FakeCluster implements AutoCloseable {
    static final String NAMESPACE = "builds";
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    /** The test's own client: plays the controllers and looks at what the step did. */
    final KubernetesClient controller;
    /** Per {@code pod/container}: log lines with their timestamp second. */
    private final Map<String, List<String[]>> logs = new ConcurrentHashMap<>();

    FakeCluster() {
        MOCK_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        Dispatcher store = new KubernetesMixedDispatcher(expectations);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if (path.contains("/log?")) {
                    return new MockResponse().setResponseCode(200).setBody(log(path));
                }
                return store.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
        server.init();
        controller = server.createClient();
    }

    String url() {
        return controller.getMasterUrl().toString();
    }

    private String log(String path) {
        String pod = path.substring(path.indexOf("/pods/") + 6, path.indexOf("/log?"));
        String container = query(path, "container");
        String since = query(path, "sinceTime");
        StringBuilder body = new StringBuilder();
        for (String[] line : logs.getOrDefault(pod + "/" + container, List.of())) {
            if (since == null || line[0].substring(0, 19).compareTo(since.substring(0, 19)) >= 0) {
                body.append(line[0]).append(' ').append(line[1]).append('\n');
            }
        }
        return body.toString();
    }

    private static String query(String path, String name) {
        for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Appends a log line written at {@code second} past 2026-01-01T00:00:00Z. */
    void log(String pod, String container, int second, String text) {
        logs.computeIfAbsent(pod + "/" + container, k -> new CopyOnWriteArrayList<>())
                .add(new String[] {"2026-01-01T00:00:%02d.000000001Z".formatted(second), text});
    }

    /** The Job the step created, once it exists. */
    Job awaitJob() throws InterruptedException {
        Job[] found = new Job[1];
        await("the Job to be created", () -> {
            List<Job> jobs =
                    controller.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
            found[0] = jobs.isEmpty() ? null : jobs.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    boolean jobExists(String name) {
        return controller
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(NAMESPACE)
                        .withName(name)
                        .get()
                != null;
    }

    /** The pod the Job controller would create, its container in the given state. */
    void addPod(Job job, String podName, String phase, ContainerStatus status) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(NAMESPACE)
                .addToLabels("job-name", job.getMetadata().getName())
                .addToLabels("batch.kubernetes.io/job-name", job.getMetadata().getName())
                .addToLabels("controller-uid", job.getMetadata().getUid())
                .addToLabels(
                        "batch.kubernetes.io/controller-uid", job.getMetadata().getUid())
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build();
        controller.pods().inNamespace(NAMESPACE).resource(pod).create();
        setPod(podName, phase, status);
    }

    void setPod(String podName, String phase, ContainerStatus status) {
        Pod pod = controller.pods().inNamespace(NAMESPACE).withName(podName).get();
        pod.setStatus(new PodStatusBuilder()
                .withPhase(phase)
                .withContainerStatuses(status)
                .build());
        controller.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
    }

    static ContainerStatus running() {
        return new ContainerStatusBuilder()
                .withName("main")
                .withContainerID("containerd://main-1")
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-01-01T00:00:00Z")
                .endRunning()
                .endState()
                .build();
    }

    static ContainerStatus terminated(int exitCode, String reason) {
        return new ContainerStatusBuilder()
                .withName("main")
                .withContainerID("containerd://main-1")
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withFinishedAt("2026-01-01T00:00:59Z")
                .endTerminated()
                .endState()
                .build();
    }

    /** What the Job controller writes when the Job is over. */
    void finishJob(Job job, String type, String reason, String message) {
        Job live = controller
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .withName(job.getMetadata().getName())
                .get();
        live.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder()
                        .withType(type)
                        .withStatus("True")
                        .withReason(reason)
                        .withMessage(message)
                        .build())
                .build());
        controller.batch().v1().jobs().inNamespace(NAMESPACE).resource(live).updateStatus();
    }

    void configMap(String name, String key, String value) {
        controller
                .configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .addToData(key, value)
                        .build())
                .create();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        controller.close();
        server.destroy();
    }
}
