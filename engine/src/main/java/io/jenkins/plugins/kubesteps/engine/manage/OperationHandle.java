package io.jenkins.plugins.kubesteps.engine.manage;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a new process needs to wait for an operation again ({@link ManifestOperations#resume}):
 * the operation's name, its targets, what it waits for and until when. Plain serializable data:
 * no patch content, no credentials.
 *
 * @param generations per target key, the generation the change produced: an older state of the
 *     object (a stale list) never counts as stable
 * @param acting the snapshot was taken before the change was made on every target: a resumed
 *     operation does not make it again (the request is not kept) and fails, naming the targets
 */
public record OperationHandle(
        String operation,
        List<Target> targets,
        WaitMode waitMode,
        Map<String, Long> generations,
        Instant deadline,
        boolean acting,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What an operation waits for once it has acted. */
    public enum WaitMode {
        /** Nothing: done once acted. */
        NONE,
        /** Every target stable (the kind's rule, as deployManifest waits). */
        STABLE,
        /** Every target gone (deleted, finalizers done). */
        GONE
    }

    public OperationHandle {
        targets = List.copyOf(targets == null ? List.of() : targets);
        generations = Map.copyOf(generations == null ? Map.of() : generations);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }
}
