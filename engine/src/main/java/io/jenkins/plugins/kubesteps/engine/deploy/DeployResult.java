package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a deploy gives back: every object in apply order with its status, the failure (null on
 * success) and the warnings. Immutable and serializable.
 */
public record DeployResult(
        DeployStatus status, List<DeployedObject> objects, DeployFailure failure, List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployResult {
        objects = List.copyOf(objects == null ? List.of() : objects);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    public boolean succeeded() {
        return status == DeployStatus.SUCCEEDED;
    }

    /** The objects as Maps of strings, what a Pipeline step returns. */
    public List<Map<String, Object>> objectMaps() {
        return objects.stream().map(DeployedObject::toMap).toList();
    }
}
