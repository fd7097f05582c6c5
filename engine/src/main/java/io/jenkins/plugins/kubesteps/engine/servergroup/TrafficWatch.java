package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The two things a disable or enable waits on, each one list and then one long watch: the pods of
 * the server group (so a pod its ReplicaSet starts meanwhile is relabelled too) and the
 * EndpointSlices of its Services (so the end is the moment the Services stop, or start, sending
 * traffic to them). Every change calls {@link Runnable} on an informer thread.
 */
final class TrafficWatch implements AutoCloseable {
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<EndpointSlice> slices;
    private volatile boolean closed;

    /**
     * @param podLabels a label selector that every pod of the group matches (a ReplicaSet's
     *     matchLabels); empty watches every pod of the namespace
     * @param podName a bare Pod's name, else null
     */
    TrafficWatch(
            KubernetesClient client,
            String namespace,
            Map<String, String> podLabels,
            String podName,
            List<String> services) {
        var podOp = client.pods().inNamespace(namespace);
        this.pods = podName != null
                ? podOp.withField("metadata.name", podName).runnableInformer(0)
                : (podLabels.isEmpty() ? podOp : podOp.withLabels(podLabels)).runnableInformer(0);
        this.slices = client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabelIn("kubernetes.io/service-name", services.toArray(String[]::new))
                .runnableInformer(0);
    }

    /** Starts both; completes once both have listed. {@code onFailure} gets a watch that stopped for good. */
    CompletableFuture<Void> start(Runnable onChange, java.util.function.Consumer<Throwable> onFailure) {
        pods.addEventHandler(handler(onChange));
        slices.addEventHandler(handler(onChange));
        for (SharedIndexInformer<?> i : List.of(pods, slices)) {
            i.stopped().whenComplete((v, problem) -> {
                if (problem != null && !closed) {
                    onFailure.accept(problem);
                }
            });
        }
        return CompletableFuture.allOf(
                pods.start().toCompletableFuture(), slices.start().toCompletableFuture());
    }

    List<Pod> pods() {
        return pods.getStore().list();
    }

    List<EndpointSlice> slices() {
        return slices.getStore().list();
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Runnable onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed();
            }

            private void changed() {
                if (!closed) {
                    onChange.run();
                }
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        pods.stop();
        slices.stop();
    }
}
