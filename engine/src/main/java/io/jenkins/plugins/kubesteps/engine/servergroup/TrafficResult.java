package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a disable or enable ended: the server group(s), the Services, the failure (null on success)
 * and the warnings. {@link #toMap()} is what a Pipeline step returns and the CLI writes.
 *
 * @param alreadyInPlace nothing had to change: the group was already disabled (enabled)
 */
public record TrafficResult(
        DeployStatus status,
        List<ResolvedTarget> targets,
        List<String> services,
        boolean alreadyInPlace,
        TrafficFailure failure,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrafficResult {
        targets = List.copyOf(targets == null ? List.of() : targets);
        services = List.copyOf(services == null ? List.of() : services);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    public boolean succeeded() {
        return status == DeployStatus.SUCCEEDED;
    }

    /** {@code {"status","targets":[{"kind","namespace","name"}],"services":[…],"failure","warnings"}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("targets", targets.stream().map(ResolvedTarget::toMap).toList());
        m.put("services", services);
        m.put("alreadyInPlace", alreadyInPlace);
        if (failure == null) {
            m.put("failure", null);
        } else {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("reason", failure.reason());
            f.put("message", failure.message());
            m.put("failure", f);
        }
        m.put("warnings", warnings);
        return m;
    }
}
