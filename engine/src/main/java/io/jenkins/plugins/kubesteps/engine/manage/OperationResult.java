package io.jenkins.plugins.kubesteps.engine.manage;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What an operation gives back. Immutable and serializable.
 *
 * @param operation "delete", "scale", "undoRollout", "patch"
 * @param targets the objects acted on (for a delete by selector: every object selected)
 * @param failure null on success
 */
public record OperationResult(
        String operation,
        OperationStatus status,
        List<TargetRef> targets,
        OperationFailure failure,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public OperationResult {
        targets = List.copyOf(targets == null ? List.of() : targets);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    public boolean succeeded() {
        return status == OperationStatus.SUCCEEDED;
    }

    /** The targets as Maps of strings (kind, namespace, name), what a Pipeline step returns. */
    public List<Map<String, Object>> targetMaps() {
        return targets.stream().map(TargetRef::toMap).toList();
    }
}
