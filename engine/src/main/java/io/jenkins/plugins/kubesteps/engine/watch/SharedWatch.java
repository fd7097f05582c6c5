package io.jenkins.plugins.kubesteps.engine.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One informer (one list, then one long watch, listed and watched again by itself after a 410 Gone
 * or a dropped connection) per client, namespace and {@link WatchedKind}, shared by everyone who
 * follows objects of that kind there: a controller following 500 Jobs holds as many watches as it
 * follows one. It starts with its first subscriber and stops when the last one leaves. Each
 * subscriber names the key it cares about (a Job's uid) and is told about the objects with that key
 * only, the ones the watch already knows included.
 *
 * <p>Events arrive on the informer's thread, one after the other for the whole namespace: a
 * listener must hand anything slow to a pool of its own. An object is never told to a subscriber
 * in an older version than one it already got (the replay of known objects may race with events).
 */
public final class SharedWatch<T extends HasMetadata> {
    private static final String INDEX = "subscription-key";

    /** What a subscriber is told, on the informer's thread; must not block. */
    public interface Listener<T> {
        void changed(T object);

        void deleted(T object);

        /** The watch stopped for good (refused, unreadable answers), or this listener threw. */
        void failed(Throwable problem);
    }

    /** One subscriber's interest; close it when done (idempotent). */
    public interface Subscription<T> extends AutoCloseable {
        /** Completes once the watch has listed; exceptionally if it could not start. */
        CompletableFuture<Void> started();

        /** The objects of this subscription's key as last seen. */
        List<T> current();

        @Override
        void close();
    }

    private record Scope(String namespace, WatchedKind<?> kind) {}

    /** Guards the registry and every watch's user count: a watch that stops is never joined. */
    private static final Object LOCK = new Object();

    private static final Map<KubernetesClient, Map<Scope, SharedWatch<?>>> WATCHES = new IdentityHashMap<>();

    private final KubernetesClient client;
    private final Scope scope;
    private final SharedIndexInformer<T> informer;
    private final CompletableFuture<Void> started;
    private final Map<String, Set<Subscriber<T>>> subscribers = new ConcurrentHashMap<>();
    private int users;
    private volatile boolean stopping;

    private SharedWatch(KubernetesClient client, Scope scope, WatchedKind<T> kind) {
        this.client = client;
        this.scope = scope;
        this.informer = kind.informer().apply(client, scope.namespace());
        informer.addIndexers(Map.of(INDEX, object -> List.copyOf(kind.keys().apply(object))));
        informer.exceptionHandler(WatchRetry.policy());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                dispatch(kind, object, false);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                dispatch(kind, newObject, false);
            }

            @Override
            public void onDelete(T object, boolean deletedFinalStateUnknown) {
                dispatch(kind, object, true);
            }
        });
        this.started = informer.start().toCompletableFuture();
        informer.stopped().whenComplete((v, problem) -> {
            if (problem != null && !stopping) {
                broke(problem);
            }
        });
    }

    /**
     * Joins (or starts) the shared watch of {@code kind} in {@code namespace} on {@code client} and
     * tells {@code listener} about the objects with {@code key}, starting with those already known.
     */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> Subscription<T> subscribe(
            KubernetesClient client, String namespace, WatchedKind<T> kind, String key, Listener<T> listener) {
        Subscriber<T> subscriber;
        SharedWatch<T> watch;
        synchronized (LOCK) {
            Scope scope = new Scope(namespace, kind);
            Map<Scope, SharedWatch<?>> ofClient = WATCHES.computeIfAbsent(client, c -> new ConcurrentHashMap<>());
            watch = (SharedWatch<T>) ofClient.computeIfAbsent(scope, s -> new SharedWatch<>(client, s, kind));
            watch.users++;
            subscriber = new Subscriber<>(watch, key, listener);
            watch.subscribers
                    .computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                    .add(subscriber);
        }
        // after registering, so an event in between is not missed; duplicates are dropped by version
        SharedWatch<T> joined = watch;
        watch.started.thenRun(() -> joined.current(key).forEach(object -> subscriber.offer(object, false)));
        return subscriber;
    }

    /** How many shared watches run now on {@code client}, over all namespaces and kinds (for tests and benchmarks). */
    public static int running(KubernetesClient client) {
        synchronized (LOCK) {
            Map<Scope, SharedWatch<?>> ofClient = WATCHES.get(client);
            return ofClient == null ? 0 : ofClient.size();
        }
    }

    private List<T> current(String key) {
        return informer.getIndexer().byIndex(INDEX, key);
    }

    private void dispatch(WatchedKind<T> kind, T object, boolean deleted) {
        if (object == null) {
            return;
        }
        for (String key : kind.keys().apply(object)) {
            Set<Subscriber<T>> interested = subscribers.get(key);
            if (interested != null) {
                interested.forEach(s -> s.offer(object, deleted));
            }
        }
    }

    private void leave(Subscriber<T> subscriber) {
        synchronized (LOCK) {
            Set<Subscriber<T>> ofKey = subscribers.get(subscriber.key);
            if (ofKey == null || !ofKey.remove(subscriber)) {
                return;
            }
            if (ofKey.isEmpty()) {
                subscribers.remove(subscriber.key);
            }
            if (--users == 0) {
                stopping = true;
                unregister();
                informer.stop();
            }
        }
    }

    /** The informer gave up: every subscriber learns it, and the next one starts a new watch. */
    private void broke(Throwable problem) {
        synchronized (LOCK) {
            unregister();
        }
        subscribers.values().forEach(set -> set.forEach(s -> s.fail(problem)));
    }

    private void unregister() {
        Map<Scope, SharedWatch<?>> ofClient = WATCHES.get(client);
        if (ofClient != null) {
            ofClient.remove(scope, this);
            if (ofClient.isEmpty()) {
                WATCHES.remove(client);
            }
        }
    }

    private static final class Subscriber<T extends HasMetadata> implements Subscription<T> {
        private final SharedWatch<T> watch;
        private final String key;
        private final Listener<T> listener;
        /** Per object uid: the newest resourceVersion told. */
        private final Map<String, Long> versions = new ConcurrentHashMap<>();

        private volatile boolean closed;

        Subscriber(SharedWatch<T> watch, String key, Listener<T> listener) {
            this.watch = watch;
            this.key = key;
            this.listener = listener;
        }

        synchronized void offer(T object, boolean deleted) {
            if (closed || (!deleted && seenNewer(object))) {
                return;
            }
            try {
                if (deleted) {
                    listener.deleted(object);
                } else {
                    listener.changed(object);
                }
            } catch (RuntimeException | LinkageError e) {
                listener.failed(e);
            }
        }

        /**
         * resourceVersions are opaque to clients, but every API server backed by etcd uses its
         * revision, a number; one that is not a number is always delivered.
         */
        private boolean seenNewer(T object) {
            String uid = object.getMetadata().getUid();
            long version;
            try {
                version = Long.parseLong(object.getMetadata().getResourceVersion());
            } catch (NumberFormatException | NullPointerException e) {
                return false;
            }
            Long before = versions.get(uid);
            if (before != null && before >= version) {
                return true;
            }
            versions.put(uid, version);
            return false;
        }

        void fail(Throwable problem) {
            if (!closed) {
                listener.failed(problem);
            }
        }

        @Override
        public CompletableFuture<Void> started() {
            return watch.started;
        }

        @Override
        public List<T> current() {
            return watch.current(key);
        }

        @Override
        public void close() {
            closed = true;
            watch.leave(this);
        }
    }
}
