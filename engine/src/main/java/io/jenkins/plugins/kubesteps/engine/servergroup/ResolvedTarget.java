package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object a {@link TargetSpec} named when the operation started. Resolved once: a resumed or
 * retried operation keeps acting on the same object even after a newer version appeared.
 *
 * @param resolution how it was found, for the console: {@code second_newest of replicaSet frontend →
 *     frontend-v002}, or just {@code replicaSet frontend-v002}
 */
public record ResolvedTarget(KindInfo kind, String namespace, String name, String resolution) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code replicaSet frontend-v002 in namespace shop}. */
    public String describe() {
        return Targets.label(kind) + " " + name + (namespace.isEmpty() ? "" : " in namespace " + namespace);
    }

    /** {@code {"kind","namespace","name"}} for results. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.kind());
        m.put("namespace", namespace);
        m.put("name", name);
        return m;
    }
}
