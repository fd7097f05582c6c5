package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the Node and keeps it alive: a Lease in kube-node-lease and a status heartbeat, both
 * renewed by {@link #heartbeat()}, so a node lifecycle controller never marks it unreachable and
 * evicts its pods.
 */
final class NodeRegistrar {

    private static final Logger LOG = Logger.getLogger(NodeRegistrar.class.getName());
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String KUBELET_VERSION = "v1.34.0-kubesteps";
    static final int LEASE_SECONDS = 40;

    private final KubernetesClient client;
    private final String nodeName;
    private final String address;
    private final int port;
    private final Clock clock;
    private final Instant bootTime;

    NodeRegistrar(KubernetesClient client, String nodeName, String address, int port, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.address = address;
        this.port = port;
        this.clock = clock;
        this.bootTime = clock.instant();
    }

    /** What the node offers; limits without a value fall back to it, as on a real node. */
    static Map<String, Quantity> capacity() {
        return Map.of(
                "cpu", new Quantity("4"),
                "memory", new Quantity("8Gi"),
                "pods", new Quantity("110"),
                "ephemeral-storage", new Quantity("20Gi"));
    }

    /** The well-known labels a kubelet puts on its Node; nodeSelectors are matched against them. */
    static Map<String, String> labels(String nodeName) {
        return Map.of("kubernetes.io/hostname", nodeName, "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64");
    }

    /** Creates the Node (or takes over an existing one) with a Ready status, and its Lease. */
    void register() {
        Node node = new NodeBuilder()
                .withNewMetadata()
                .withName(nodeName)
                .withLabels(labels(nodeName))
                .endMetadata()
                .withStatus(status())
                .build();
        try {
            client.nodes().resource(node).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            LOG.info("node " + nodeName + " exists; taking it over");
        }
        // on create a node may keep its status, but an existing one needs the patch
        patchStatus();
        renewLease();
    }

    /** One heartbeat; failures are logged and the next beat tries again. */
    void heartbeat() {
        try {
            patchStatus();
            renewLease();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "node heartbeat failed", e);
        }
    }

    NodeStatus status() {
        String now = Rfc3339.seconds(clock.instant());
        return new NodeStatusBuilder()
                .withCapacity(capacity())
                .withAllocatable(capacity())
                .withConditions(
                        condition(
                                "MemoryPressure",
                                "False",
                                "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available",
                                now),
                        condition(
                                "DiskPressure",
                                "False",
                                "KubeletHasNoDiskPressure",
                                "kubelet has no disk pressure",
                                now),
                        condition(
                                "PIDPressure",
                                "False",
                                "KubeletHasSufficientPID",
                                "kubelet has sufficient PID available",
                                now),
                        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now))
                .addNewAddress(address, "InternalIP")
                .withNewDaemonEndpoints()
                .withNewKubeletEndpoint(port)
                .endDaemonEndpoints()
                .withNewNodeInfo()
                .withArchitecture("amd64")
                .withOperatingSystem("linux")
                .withOsImage("kubesteps simulated node")
                .withKernelVersion(System.getProperty("os.version"))
                .withKubeletVersion(KUBELET_VERSION)
                .withKubeProxyVersion(KUBELET_VERSION)
                .withContainerRuntimeVersion("kubesteps-simnode://0.1.0")
                .withMachineID(nodeName)
                .withSystemUUID(nodeName)
                .withBootID(Long.toHexString(bootTime.toEpochMilli()))
                .endNodeInfo()
                .build();
    }

    private NodeCondition condition(String type, String status, String reason, String message, String now) {
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastHeartbeatTime(now)
                .withLastTransitionTime(Rfc3339.seconds(bootTime))
                .build();
    }

    private void patchStatus() {
        client.nodes()
                .withName(nodeName)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), ApiAdapter.replaceStatus(null, status()));
    }

    private void renewLease() {
        var leases = client.leases().inNamespace(LEASE_NAMESPACE);
        var now = clock.instant().atZone(ZoneOffset.UTC);
        if (leases.withName(nodeName).get() == null) {
            Node node = client.nodes().withName(nodeName).get();
            Lease lease = new LeaseBuilder()
                    .withNewMetadata()
                    .withName(nodeName)
                    .withNamespace(LEASE_NAMESPACE)
                    .withOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                            .withApiVersion("v1")
                            .withKind("Node")
                            .withName(nodeName)
                            .withUid(node == null ? null : node.getMetadata().getUid())
                            .build()))
                    .endMetadata()
                    .withNewSpec()
                    .withHolderIdentity(nodeName)
                    .withLeaseDurationSeconds(LEASE_SECONDS)
                    .withRenewTime(now)
                    .endSpec()
                    .build();
            leases.resource(lease).create();
            return;
        }
        leases.withName(nodeName).edit(lease -> new LeaseBuilder(lease)
                .editSpec()
                .withHolderIdentity(nodeName)
                .withRenewTime(now)
                .endSpec()
                .build());
    }
}
