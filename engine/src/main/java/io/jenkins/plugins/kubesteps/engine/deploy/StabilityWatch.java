package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the objects of a deploy with one informer per kind and namespace (one list, then one
 * long watch each, re-listing by itself after a 410 Gone or a dropped connection). Waiting longer
 * costs no more requests.
 */
public final class StabilityWatch implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;

    public interface Listener {
        /** An object of the deploy changed (or was listed); called on an informer thread. */
        void onChange(String key, GenericKubernetesResource live);

        /** An object of the deploy was deleted while we waited for it. */
        void onDeleted(String key);

        void onFailure(Throwable problem);
    }

    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private volatile boolean closed;

    public StabilityWatch(KubernetesClient client, Collection<TrackedObject> objects, Listener listener) {
        Map<String, List<TrackedObject>> groups = new LinkedHashMap<>();
        for (TrackedObject o : objects) {
            groups.computeIfAbsent(
                            o.kind().apiVersion() + "/" + o.kind().kind() + "@"
                                    + o.object().namespace(),
                            k -> new ArrayList<>())
                    .add(o);
        }
        for (List<TrackedObject> group : groups.values()) {
            TrackedObject first = group.get(0);
            var op = client.genericKubernetesResources(first.kind().context());
            SharedIndexInformer<GenericKubernetesResource> informer =
                    first.kind().namespaced()
                            ? op.inNamespace(first.object().namespace()).runnableInformer(0)
                            : op.runnableInformer(0);
            informer.exceptionHandler(retryPolicy());
            informer.addEventHandler(handler(first, listener));
            informers.add(informer);
        }
    }

    /** Starts every informer; completes once all have listed. */
    public CompletableFuture<Void> start(Listener listener) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
            started.add(informer.start().toCompletableFuture());
            informer.stopped().whenComplete((v, problem) -> {
                if (problem != null && !closed) {
                    listener.onFailure(problem);
                }
            });
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    int informerCount() {
        return informers.size();
    }

    private ResourceEventHandler<GenericKubernetesResource> handler(TrackedObject sample, Listener listener) {
        String prefix = sample.kind().apiVersion() + "/" + sample.kind().kind() + "@"
                + sample.object().namespace() + "/";
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                deliver(obj, false);
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                deliver(newObj, false);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                deliver(obj, true);
            }

            private void deliver(GenericKubernetesResource obj, boolean deleted) {
                if (closed || obj == null || obj.getMetadata() == null) {
                    return;
                }
                String key = prefix + obj.getMetadata().getName();
                try {
                    if (deleted) {
                        listener.onDeleted(key);
                    } else {
                        listener.onChange(key, obj);
                    }
                } catch (RuntimeException | LinkageError e) {
                    listener.onFailure(e);
                }
            }
        };
    }

    /** Retry once watching; before that, give up soon so a missing permission is reported at once. */
    private static ExceptionHandler retryPolicy() {
        AtomicInteger attempts = new AtomicInteger();
        return (started, problem) -> {
            if (ExceptionHandler.isDeserializationException(problem)) {
                return false;
            }
            if (started) {
                return true;
            }
            boolean refused = problem instanceof KubernetesClientException e && e.getCode() >= 400 && e.getCode() < 500;
            return !refused && attempts.incrementAndGet() < START_ATTEMPTS;
        };
    }

    @Override
    public void close() {
        closed = true;
        informers.forEach(SharedIndexInformer::stop);
    }
}
