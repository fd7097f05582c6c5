package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import java.util.concurrent.CompletableFuture;

/**
 * A deploy in progress. No thread of the caller's is held: applying runs on the engine's pool,
 * waiting on watch events, and completion arrives through {@link #result()}.
 */
public interface RunningDeploy {

    /** A snapshot to persist now; {@link Deployer#resume} waits again from it. */
    DeployHandle handle();

    /** Completes once; never exceptionally once the deploy has started. */
    CompletableFuture<DeployResult> result();

    /**
     * Stops applying (the object being written is finished first, so nothing is half-written) or
     * waiting; applied objects stay as they are. The result completes as {@link
     * DeployStatus#CANCELLED} and names what was applied. Safe to call more than once.
     */
    void cancel(String reason);

    /** Stops waiting without completing the result (the process goes away and resumes later). */
    void detach();
}
