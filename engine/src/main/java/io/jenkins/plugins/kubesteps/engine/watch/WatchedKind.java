package io.jenkins.plugins.kubesteps.engine.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a {@link SharedWatch} lists and watches in a namespace, and which subscribers an object
 * concerns. Define each as a constant: the instance is part of the identity of the shared watch
 * (two equal-looking instances make two watches).
 *
 * @param name for messages and thread names, e.g. "Jobs managed by kubesteps"
 * @param informer an informer, not started, over the objects of one namespace
 * @param keys the subscription keys an object concerns (its uid, or its owners' uids)
 */
public record WatchedKind<T extends HasMetadata>(
        String name,
        BiFunction<KubernetesClient, String, SharedIndexInformer<T>> informer,
        Function<T, Collection<String>> keys) {}
