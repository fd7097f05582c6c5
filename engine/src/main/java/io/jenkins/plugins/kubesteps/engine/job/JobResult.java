package io.jenkins.plugins.kubesteps.engine.job;

import java.util.List;
import java.util.Map;

/**
 * What a finished Job run gives back. {@code incompleteOutputs} lists the containers ({@code
 * pod/container}) whose outputs count but whose log could not be read to its end (pod log gone,
 * node unreachable, the timeout came while reading): a marker line may be missing, so {@link
 * #outputsComplete()} is false. The status still says how Kubernetes ended the Job.
 *
 * <p> {@code outputs} keeps keys exactly as printed; values are
 * strings from {@code SPINNAKER_PROPERTY_} lines and JSON values (String, Number, Boolean, List,
 * Map, null) from {@code SPINNAKER_CONFIG_JSON} lines. Outputs captured before a failure are kept.
 */
public record JobResult(
        JobStatus status,
        JobRef job,
        Map<String, Object> outputs,
        String logLink,
        Failure failure,
        List<String> warnings,
        List<String> incompleteOutputs) {
    public JobResult {
        outputs = outputs == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        incompleteOutputs = incompleteOutputs == null ? List.of() : List.copyOf(incompleteOutputs);
    }

    /** A result whose outputs are complete. */
    public JobResult(
            JobStatus status,
            JobRef job,
            Map<String, Object> outputs,
            String logLink,
            Failure failure,
            List<String> warnings) {
        this(status, job, outputs, logLink, failure, warnings, List.of());
    }

    /** Whether every log whose outputs count was read to its end. */
    public boolean outputsComplete() {
        return incompleteOutputs.isEmpty();
    }

    public boolean succeeded() {
        return status == JobStatus.SUCCEEDED;
    }
}
