package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated node behind the real API server: statuses it reports pass API validation, and
 * pods/log reaches its kubelet endpoint (follow, timestamps, sinceTime, tailLines).
 */
class SimulatedNodeIT {

    private static final String NS = "default";
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        client = TestCluster.shared().client();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static Pod await(String name, Duration limit, Predicate<Pod> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        Pod pod = null;
        while (Instant.now().isBefore(deadline)) {
            pod = client.pods().inNamespace(NS).withName(name).get();
            if (pod != null && condition.test(pod)) {
                return pod;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("pod " + name + " never matched; last: " + pod);
    }

    private static PodBuilder shellPod(String name, String script) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("main")
                .withImage("busybox")
                .withCommand("sh", "-c", script)
                .endContainer()
                .endSpec();
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    @Test
    void followStreamsThroughTheApiServerAndTheStatusCarriesTheTerminationMessage() throws Exception {
        String name = unique("follow");
        client.configMaps()
                .inNamespace(NS)
                .resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withData(Map.of("who", "world"))
                        .build())
                .create();
        Pod pod = shellPod(
                        name,
                        "for i in 1 2 3; do echo hello-$WHO-$i; sleep 1; done;"
                                + " echo '{\"result\":\"ok\"}' > /dev/termination-log; exit 2")
                .editSpec()
                .editFirstContainer()
                .addNewEnv()
                .withName("WHO")
                .withNewValueFrom()
                .withNewConfigMapKeyRef("who", name, false)
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec()
                .build();
        client.pods().inNamespace(NS).resource(pod).create();
        await(name, Duration.ofSeconds(60), p -> "Running".equals(phase(p)));

        StringBuilder lines = new StringBuilder();
        try (LogWatch watch = client.pods().inNamespace(NS).withName(name).watchLog();
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.append(line).append('\n');
            }
        }

        // the stream ended by itself when the container did, after every line
        assertThat(lines.toString()).isEqualTo("hello-world-1\nhello-world-2\nhello-world-3\n");
        Pod done = await(name, Duration.ofSeconds(30), p -> "Failed".equals(phase(p)));
        ContainerStatus main = done.getStatus().getContainerStatuses().get(0);
        assertThat(main.getState().getTerminated().getExitCode()).isEqualTo(2);
        assertThat(main.getState().getTerminated().getMessage()).isEqualTo("{\"result\":\"ok\"}\n");

        String stamped = client.pods()
                .inNamespace(NS)
                .withName(name)
                .usingTimestamps()
                .tailingLines(1)
                .getLog();
        assertThat(stamped).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z hello-world-3\n");
        Instant lastLine = Instant.parse(stamped.substring(0, stamped.indexOf(' ')));
        String since = client.pods()
                .inNamespace(NS)
                .withName(name)
                // the API server passes sinceTime on with whole seconds; lines are a second apart
                .sinceTime(lastLine.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString())
                .getLog();
        assertThat(since).isEqualTo("hello-world-3\n");
        client.pods().inNamespace(NS).withName(name).delete();
        client.configMaps().inNamespace(NS).withName(name).delete();
    }

    @Test
    void jobDeadlineDeletesTheRunningPodWhichDisappears() throws Exception {
        String name = unique("deadline");
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withActiveDeadlineSeconds(3L)
                .withBackoffLimit(0)
                .withNewTemplate()
                .withSpec(shellPod(name, "echo started; sleep 120").buildSpec())
                .endTemplate()
                .endSpec()
                .build();
        client.batch().v1().jobs().inNamespace(NS).resource(job).create();

        Instant deadline = Instant.now().plusSeconds(90);
        Job failed = null;
        while (Instant.now().isBefore(deadline)) {
            failed = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
            boolean deadlineExceeded = failed.getStatus() != null
                    && failed.getStatus().getConditions() != null
                    && failed.getStatus().getConditions().stream()
                            .anyMatch(c -> c.getType().equals("Failed")
                                    && "DeadlineExceeded".equals(c.getReason())
                                    && c.getStatus().equals("True"));
            boolean podsGone = client.pods()
                    .inNamespace(NS)
                    .withLabel("job-name", name)
                    .list()
                    .getItems()
                    .isEmpty();
            if (deadlineExceeded && podsGone) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        assertThat(Instant.now()).as("job %s: %s", name, failed).isBefore(deadline);
        client.batch().v1().jobs().inNamespace(NS).withName(name).delete();
    }

    @Test
    void missingImageShowsImagePullBackOffInTheApi() throws Exception {
        String name = unique("pull");
        Pod pod = shellPod(name, "echo never")
                .editSpec()
                .editFirstContainer()
                .withImage("does-not-exist:1")
                .endContainer()
                .endSpec()
                .build();
        client.pods().inNamespace(NS).resource(pod).create();

        Pod waiting = await(
                name,
                Duration.ofSeconds(60),
                p -> p.getStatus().getContainerStatuses() != null
                        && !p.getStatus().getContainerStatuses().isEmpty()
                        && p.getStatus()
                                        .getContainerStatuses()
                                        .get(0)
                                        .getState()
                                        .getWaiting()
                                != null
                        && "ImagePullBackOff"
                                .equals(p.getStatus()
                                        .getContainerStatuses()
                                        .get(0)
                                        .getState()
                                        .getWaiting()
                                        .getReason()));

        assertThat(phase(waiting)).isEqualTo("Pending");
        client.pods().inNamespace(NS).withName(name).delete();
    }

    @Test
    void deploymentWithoutCommandsBecomesAvailable() throws Exception {
        String name = unique("web");
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("nginx")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.apps().deployments().inNamespace(NS).resource(deployment).create();

        Deployment ready = client.apps()
                .deployments()
                .inNamespace(NS)
                .withName(name)
                .waitUntilCondition(
                        d -> d.getStatus() != null
                                && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()),
                        90,
                        TimeUnit.SECONDS);

        assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(2);
        client.apps().deployments().inNamespace(NS).withName(name).delete();
    }
}
