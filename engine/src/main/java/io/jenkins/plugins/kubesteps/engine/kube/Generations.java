package io.jenkins.plugins.kubesteps.engine.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code metadata.generation} each of our writes returned, per object key. An informer's first
 * list asks for resourceVersion=0, which the API server may answer from its watch cache with a state
 * older than that write: the previous generation, already observed with every replica ready, must
 * not count as stable. Kinds without a generation are not protected (their resourceVersion is opaque
 * and must not be compared), so for them the first state seen counts, as before.
 */
public final class Generations {
    private final Map<String, Long> byKey = new ConcurrentHashMap<>();

    /** Remembers what a handle saved; null (a handle from before generations were kept) adds nothing. */
    public void restore(Map<String, Long> saved) {
        if (saved != null) {
            byKey.putAll(saved);
        }
    }

    /** Remembers the generation {@code written} (the server's answer to our write) has, if any. */
    public void written(String key, GenericKubernetesResource written) {
        Long generation = generation(written);
        if (generation != null) {
            byKey.put(key, generation);
        }
    }

    /** {@code live} predates our write of it: a state to ignore. */
    public boolean older(String key, GenericKubernetesResource live) {
        Long ours = byKey.get(key);
        Long seen = generation(live);
        return ours != null && seen != null && seen < ours;
    }

    /** For a handle: plain serializable data. */
    public Map<String, Long> snapshot() {
        return Map.copyOf(byKey);
    }

    private static Long generation(GenericKubernetesResource o) {
        return o == null || o.getMetadata() == null ? null : o.getMetadata().getGeneration();
    }
}
