package io.jenkins.plugins.kubesteps.engine.servergroup;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new process needs to finish a disable or enable ({@link ServerGroupTraffic#resume}): the
 * target as resolved when it started (a resumed step never re-picks "second_newest"), the Services
 * and their labels, and the deadline. Relabelling is idempotent, so a resume simply does it again
 * and waits. Plain serializable data, no credentials.
 */
public record TrafficHandle(
        TrafficAction action,
        ResolvedTarget target,
        List<ServiceSelector> services,
        Map<String, String> labels,
        Instant deadline,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrafficHandle {
        services = List.copyOf(services == null ? List.of() : services);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }
}
