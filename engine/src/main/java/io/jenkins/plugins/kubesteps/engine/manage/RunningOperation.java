package io.jenkins.plugins.kubesteps.engine.manage;

import java.util.concurrent.CompletableFuture;

/**
 * A lifecycle operation in progress. No thread of the caller's is held: the change is made on the
 * engine's pool, waiting runs on watch events, and completion arrives through {@link #result()}.
 */
public interface RunningOperation {

    /** A snapshot to persist now; {@link ManifestOperations#resume} waits again from it. */
    OperationHandle handle();

    /** Completes once; never exceptionally once the operation has started. */
    CompletableFuture<OperationResult> result();

    /**
     * Stops between targets or stops waiting; what was changed stays changed. The result
     * completes as {@link OperationStatus#CANCELLED}. Safe to call more than once.
     */
    void cancel(String reason);

    /** Stops waiting without completing the result (the process goes away and resumes later). */
    void detach();
}
