package io.jenkins.plugins.kubesteps.engine.servergroup;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Service a server group is enabled in or disabled from, with its pod selector. */
public record ServiceSelector(String name, Map<String, String> selector) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ServiceSelector {
        selector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selector == null ? Map.of() : selector));
    }
}
