package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches all pods: binds unscheduled ones to this node (there is no scheduler in the test
 * cluster) and runs those bound here, one {@link PodRun} per pod uid.
 */
final class PodSupervisor implements ResourceEventHandler<Pod>, KubeletServer.LogSource {

    private static final Logger LOG = Logger.getLogger(PodSupervisor.class.getName());

    private final KubernetesClient client;
    private final NodeContext node;
    private final Map<String, PodRun> byUid = new ConcurrentHashMap<>();
    private final Map<String, PodRun> byName = new ConcurrentHashMap<>();
    private SharedIndexInformer<Pod> informer;

    PodSupervisor(KubernetesClient client, NodeContext node) {
        this.client = client;
        this.node = node;
    }

    void start() {
        informer = client.pods().inAnyNamespace().inform(this, 0);
    }

    /** Stops the informer and every container (the node is going away; pods stay in the API). */
    void stop() {
        if (informer != null) {
            informer.stop();
        }
        List<PodRun> runs = new ArrayList<>(byUid.values());
        runs.forEach(run -> run.delete(0, true));
        for (PodRun run : runs) {
            try {
                run.awaitFinished(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void onAdd(Pod pod) {
        handle(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        handle(newPod);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        PodRun run = byUid.get(pod.getMetadata().getUid());
        if (run != null) {
            run.delete(0, true);
        }
    }

    synchronized void handle(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
        if (nodeName == null || nodeName.isEmpty()) {
            if (deleting) {
                return;
            }
            String unschedulable = Scheduling.unschedulable(pod, node.nodeName());
            if (unschedulable == null) {
                bind(pod);
            } else if (!Scheduling.alreadyReported(pod, unschedulable)) {
                report(pod, Scheduling.status(pod, unschedulable, node.clock().instant()));
            }
            return;
        }
        if (!nodeName.equals(node.nodeName())) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        PodRun known = byUid.get(uid);
        if (known != null) {
            known.update(pod);
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (deleting) {
            // nothing of it runs here (any more): finish the deletion as the kubelet would
            node.api().deleteNow(pod);
            return;
        }
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        PodRun run = new PodRun(pod, node);
        String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        byUid.put(uid, run);
        byName.put(key, run);
        run.start();
        node.executor().submit(() -> {
            run.awaitFinished(Duration.ofDays(365));
            byUid.remove(uid, run);
            byName.remove(key, run);
            return null;
        });
    }

    private void bind(Pod pod) {
        Binding binding = new BindingBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid())
                .endMetadata()
                .withNewTarget()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(node.nodeName())
                .endTarget()
                .build();
        try {
            client.bindings()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .resource(binding)
                    .create();
        } catch (KubernetesClientException e) {
            // already bound (a resync raced the update) or already gone
            LOG.log(Level.FINE, "binding pod " + pod.getMetadata().getName() + " failed", e);
        }
    }

    private void report(Pod pod, io.fabric8.kubernetes.api.model.PodStatus status) {
        try {
            node.api().publishStatus(pod, status);
        } catch (KubernetesClientException e) {
            LOG.log(Level.FINE, "could not mark pod " + pod.getMetadata().getName() + " unschedulable", e);
        }
    }

    @Override
    public ContainerLog find(String namespace, String pod, String container, boolean previous)
            throws KubeletServer.LogUnavailable {
        // the API server may ask before this node's watch delivered the binding: give it a moment
        long deadline = System.nanoTime() + PodRun.LOG_START_WAIT.toNanos();
        PodRun run = byName.get(key(namespace, pod));
        while (run == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            run = byName.get(key(namespace, pod));
        }
        if (run == null) {
            throw new KubeletServer.LogUnavailable(404, "pod \"" + namespace + "/" + pod + "\" not found on this node");
        }
        return run.log(container, previous);
    }

    PodRun run(String uid) {
        return byUid.get(uid);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
