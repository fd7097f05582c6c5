package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reading nested fields of live objects fetched as generic resources. */
final class LiveMaps {
    private LiveMaps() {}

    /** The value at {@code spec.selector.matchLabels} and the like, or null. */
    static Object path(GenericKubernetesResource r, String... keys) {
        Object at = r.getAdditionalProperties();
        for (String key : keys) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(key);
        }
        return at;
    }

    /** A map of strings (labels, a selector); empty when {@code value} is not a map. */
    static Map<String, String> strings(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** A workload's pod template labels. */
    static Map<String, String> templateLabels(GenericKubernetesResource r) {
        return strings(path(r, "spec", "template", "metadata", "labels"));
    }

    /** The keys of a workload's {@code spec.selector}: matchLabels and matchExpressions. */
    static Set<String> selectorKeys(GenericKubernetesResource r) {
        Set<String> keys = new java.util.TreeSet<>(
                strings(path(r, "spec", "selector", "matchLabels")).keySet());
        if (path(r, "spec", "selector", "matchExpressions") instanceof java.util.List<?> expressions) {
            for (Object e : expressions) {
                if (e instanceof Map<?, ?> m && m.get("key") != null) {
                    keys.add(String.valueOf(m.get("key")));
                }
            }
        }
        return keys;
    }
}
