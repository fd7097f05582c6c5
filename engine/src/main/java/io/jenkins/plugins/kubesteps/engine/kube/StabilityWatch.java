package io.jenkins.plugins.kubesteps.engine.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.watch.SharedWatch;
import io.jenkins.plugins.kubesteps.engine.watch.WatchedKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the objects of a deploy (or of an operation) through the {@link SharedWatch} of their kind
 * and namespace: one list, then one long watch per kind and namespace, shared by every deploy and
 * operation waiting there at the same time, re-listing by itself after a 410 Gone or a dropped
 * connection. Waiting longer costs no more requests, and 100 deploys of Deployments into one
 * namespace hold one watch.
 */
public final class StabilityWatch implements AutoCloseable {
    public interface Listener {
        /** An object of the deploy changed (or was listed); called on an informer thread. */
        void onChange(String key, GenericKubernetesResource live);

        /** An object of the deploy was deleted while we waited for it. */
        void onDeleted(String key);

        void onFailure(Throwable problem);
    }

    /** One per kind, so that equal kinds share a watch (a {@link WatchedKind} is compared by identity). */
    private static final Map<KindInfo, WatchedKind<GenericKubernetesResource>> KINDS = new ConcurrentHashMap<>();

    private final KubernetesClient client;
    private final Collection<TrackedObject> objects;
    private final Listener listener;
    private final List<SharedWatch.Subscription<GenericKubernetesResource>> subscriptions = new ArrayList<>();
    private volatile boolean closed;

    public StabilityWatch(KubernetesClient client, Collection<TrackedObject> objects, Listener listener) {
        this.client = client;
        this.objects = List.copyOf(objects);
        this.listener = listener;
    }

    /** Joins the watches of every object; completes once all have listed. */
    public CompletableFuture<Void> start() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        synchronized (subscriptions) {
            for (TrackedObject o : objects) {
                if (closed) {
                    break;
                }
                String namespace = o.kind().namespaced() ? o.object().namespace() : null;
                SharedWatch.Subscription<GenericKubernetesResource> s = SharedWatch.subscribe(
                        client, namespace, kind(o.kind()), o.object().name(), forward(o.key()));
                subscriptions.add(s);
                started.add(s.started());
            }
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    private SharedWatch.Listener<GenericKubernetesResource> forward(String key) {
        return new SharedWatch.Listener<>() {
            @Override
            public void changed(GenericKubernetesResource live) {
                if (!closed) {
                    listener.onChange(key, live);
                }
            }

            @Override
            public void deleted(GenericKubernetesResource live) {
                if (!closed) {
                    listener.onDeleted(key);
                }
            }

            @Override
            public void failed(Throwable problem) {
                if (!closed) {
                    listener.onFailure(problem);
                }
            }
        };
    }

    private static WatchedKind<GenericKubernetesResource> kind(KindInfo kind) {
        return KINDS.computeIfAbsent(
                kind,
                k -> new WatchedKind<>(
                        k.kind() + " (" + k.apiVersion() + ")",
                        (client, namespace) -> {
                            var op = client.genericKubernetesResources(k.context());
                            return namespace == null
                                    ? op.runnableInformer(0)
                                    : op.inNamespace(namespace).runnableInformer(0);
                        },
                        object -> object.getMetadata() == null
                                        || object.getMetadata().getName() == null
                                ? Set.of()
                                : Set.of(object.getMetadata().getName())));
    }

    @Override
    public void close() {
        synchronized (subscriptions) {
            closed = true;
            subscriptions.forEach(SharedWatch.Subscription::close);
            subscriptions.clear();
        }
    }
}
