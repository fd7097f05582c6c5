package io.jenkins.plugins.kubesteps.testcluster.node;

import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node against fabric8's mock API server (CRUD mode): registration, binding, status reports, deletion. */
@EnableKubernetesMockClient(crud = true)
class NodeOnMockApiTest {

    KubernetesClient client;

    @TempDir
    Path workDir;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private PodSupervisor supervisor;

    @BeforeEach
    void startSupervisor() {
        ApiAdapter api = new ApiAdapter(client);
        NodeContext node = new NodeContext(
                "sim",
                workDir,
                Clock.systemUTC(),
                executor,
                api,
                api,
                java.util.Map.of("PATH", System.getenv("PATH")),
                Duration.ofMillis(100),
                Duration.ofMillis(200));
        supervisor = new PodSupervisor(client, node);
        supervisor.start();
    }

    @AfterEach
    void stop() {
        supervisor.stop();
        executor.shutdownNow();
    }

    private Pod awaitPod(String name, Predicate<Pod> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Pod pod = null;
        while (System.nanoTime() < deadline) {
            pod = client.pods().inNamespace("ns").withName(name).get();
            if (pod != null && condition.test(pod)) {
                return pod;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pod " + name + " never matched; last: " + pod);
    }

    private static PodBuilder pod(String name, String nodeName, String script) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .withRestartPolicy("Never")
                .withContainers(sh("main", script))
                .endSpec();
    }

    @Test
    void registersAReadyNodeWithItsKubeletEndpointAndALease() {
        NodeRegistrar registrar = new NodeRegistrar(client, "sim", "127.0.0.1", 10250, Clock.systemUTC());

        registrar.register();
        registrar.heartbeat();

        Node node = client.nodes().withName("sim").get();
        assertThat(node.getStatus().getConditions())
                .filteredOn(c -> c.getType().equals("Ready"))
                .extracting(NodeCondition::getStatus)
                .containsExactly("True");
        assertThat(node.getStatus().getAddresses())
                .extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=127.0.0.1");
        assertThat(node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
                .isEqualTo(10250);
        assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods");
        Lease lease =
                client.leases().inNamespace("kube-node-lease").withName("sim").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("sim");
        assertThat(lease.getSpec().getRenewTime()).isNotNull();
    }

    @Test
    void runsPodsBoundToThisNodeAndReportsThroughTheStatusSubresource() throws Exception {
        client.pods()
                .inNamespace("ns")
                .resource(pod("job-pod", "sim", "echo done; exit 4").build())
                .create();

        Pod pod = awaitPod(
                "job-pod",
                p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase()));

        assertThat(pod.getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .getState()
                        .getTerminated()
                        .getExitCode())
                .isEqualTo(4);
        assertThat(pod.getStatus().getPodIP()).isEqualTo(PodStatuses.podIp(pod)).doesNotStartWith("127.");
    }

    @Test
    void leavesPodsOfOtherNodesAlone() throws Exception {
        client.pods()
                .inNamespace("ns")
                .resource(pod("elsewhere", "other", "echo hi").build())
                .create();
        client.pods()
                .inNamespace("ns")
                .resource(pod("here", "sim", "echo hi").build())
                .create();

        awaitPod(
                "here",
                p -> p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase()));

        Pod other = client.pods().inNamespace("ns").withName("elsewhere").get();
        assertThat(other.getStatus() == null ? null : other.getStatus().getPhase())
                .isNull();
    }

    @Test
    void bindsUnscheduledPodsToThisNode() throws Exception {
        client.pods()
                .inNamespace("ns")
                .resource(pod("pending", null, "echo hi").build())
                .create();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.bindings().inNamespace("ns").list().getItems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(client.bindings().inNamespace("ns").list().getItems())
                .singleElement()
                .satisfies(binding -> {
                    assertThat(binding.getMetadata().getName()).isEqualTo("pending");
                    assertThat(binding.getTarget().getName()).isEqualTo("sim");
                    assertThat(binding.getTarget().getKind()).isEqualTo("Node");
                });
    }

    @Test
    void deletionStopsTheContainerReportsItAndFinishesTheDelete() throws Exception {
        // the finalizer keeps the deleted pod visible, so the final status can be checked
        client.pods()
                .inNamespace("ns")
                .resource(pod("long", "sim", "echo up; sleep 60")
                        .editMetadata()
                        .addToFinalizers("kubesteps.test/keep")
                        .endMetadata()
                        .build())
                .create();
        awaitPod(
                "long",
                p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));

        client.pods().inNamespace("ns").withName("long").delete();

        Pod pod = awaitPod("long", p -> "Failed".equals(p.getStatus().getPhase()));
        assertThat(pod.getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .getState()
                        .getTerminated()
                        .getExitCode())
                .isEqualTo(143);
        assertThat(pod.getMetadata().getDeletionTimestamp()).isNotNull();
    }

    @Test
    void statusForAnEarlierPodOfTheSameNameIsRefused() {
        Pod current = client.pods()
                .inNamespace("ns")
                .resource(pod("same", "other", "echo hi").build())
                .create();
        Pod earlier = new PodBuilder(current)
                .editMetadata()
                .withUid("uid-of-an-earlier-pod")
                .endMetadata()
                .build();
        ApiAdapter api = new ApiAdapter(client);

        assertThatThrownBy(() -> api.publishStatus(
                        earlier, new PodStatusBuilder().withPhase("Failed").build()))
                .isInstanceOf(KubernetesClientException.class);
        api.publishStatus(current, new PodStatusBuilder().withPhase("Running").build());

        assertThat(client.pods()
                        .inNamespace("ns")
                        .withName("same")
                        .get()
                        .getStatus()
                        .getPhase())
                .isEqualTo("Running");
    }

    @Test
    void podsThisNodeCannotTakeStayPendingAsUnschedulable() throws Exception {
        client.pods()
                .inNamespace("ns")
                .resource(pod("picky", null, "echo hi")
                        .editSpec()
                        .addToNodeSelector("disktype", "ssd")
                        .endSpec()
                        .build())
                .create();
        client.pods()
                .inNamespace("ns")
                .resource(pod("greedy", null, "echo hi")
                        .editSpec()
                        .editFirstContainer()
                        .withNewResources()
                        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("64"))
                        .endResources()
                        .endContainer()
                        .endSpec()
                        .build())
                .create();

        assertThat(unschedulableMessage("picky"))
                .isEqualTo("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
        assertThat(unschedulableMessage("greedy")).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(client.bindings().inNamespace("ns").list().getItems()).isEmpty();
    }

    private String unschedulableMessage(String name) throws InterruptedException {
        Pod pod = awaitPod(
                name,
                p -> p.getStatus() != null
                        && p.getStatus().getConditions() != null
                        && p.getStatus().getConditions().stream()
                                .anyMatch(c ->
                                        "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason())));
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        return pod.getStatus().getConditions().get(0).getMessage();
    }

    @Test
    void logsAskedForRightAfterBindingAreServed() throws Exception {
        client.pods()
                .inNamespace("ns")
                .resource(pod("quick", "sim", "echo fast").build())
                .create();

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new LogQuery(true, false, false, null, null, null, "All")
                .stream(supervisor.find("ns", "quick", "main", false), out);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("fast\n");
    }
}
