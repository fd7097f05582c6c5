package io.jenkins.plugins.kubesteps.engine.job;

import java.util.List;
import java.util.Map;

/**
 * What a finished Job run gives back. {@code outputs} keeps keys exactly as printed; values are
 * strings from {@code SPINNAKER_PROPERTY_} lines and JSON values (String, Number, Boolean, List,
 * Map, null) from {@code SPINNAKER_CONFIG_JSON} lines. Outputs captured before a failure are kept.
 */
public record JobResult(
        JobStatus status,
        JobRef job,
        Map<String, Object> outputs,
        String logLink,
        Failure failure,
        List<String> warnings) {
    public JobResult {
        outputs = outputs == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean succeeded() {
        return status == JobStatus.SUCCEEDED;
    }
}
