package io.jenkins.plugins.kubesteps.engine.manage;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** An object an operation acted on, as results report it. */
public record TargetRef(String kind, String namespace, String name) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** kind, namespace, name: what a Pipeline step returns and the CLI writes. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("namespace", namespace);
        m.put("name", name);
        return m;
    }
}
