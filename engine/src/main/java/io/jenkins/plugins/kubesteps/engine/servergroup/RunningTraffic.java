package io.jenkins.plugins.kubesteps.engine.servergroup;

import java.util.concurrent.CompletableFuture;

/**
 * A disable or enable in progress. No thread of the caller's is held: relabelling runs on the
 * engine's pool, waiting on watch events; completion arrives through {@link #result()}.
 */
public interface RunningTraffic {

    /** A snapshot to persist; {@link ServerGroupTraffic#resume} carries on from it. */
    TrafficHandle handle();

    /** Completes once, never exceptionally. */
    CompletableFuture<TrafficResult> result();

    /**
     * Stops relabelling and waiting; labels already changed stay changed (run the opposite action
     * to undo). The result completes as CANCELLED. Safe to call more than once.
     */
    void cancel(String reason);

    /** Stops without completing the result (the process goes away and resumes later). */
    void detach();
}
