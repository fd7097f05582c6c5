package io.jenkins.plugins.kubesteps.engine.job;

import java.util.concurrent.CompletableFuture;

/**
 * A Job the engine is following. No thread of the caller's is held: completion arrives through
 * {@link #result()} on a client or scheduler thread.
 */
public interface RunningJob {

    /** The Job created (namespace, name, uid). */
    JobRef job();

    /** A snapshot to persist now; {@link JobRunner#resume} continues from it. */
    JobHandle handle();

    /** Completes once with the result; never completes exceptionally for a Job that ran. */
    CompletableFuture<JobResult> result();

    /**
     * Stops following the Job and, unless the cleanup policy is {@link CleanupPolicy#NEVER},
     * deletes it with background propagation; the result then completes as {@link
     * JobStatus#CANCELLED}. Safe to call more than once.
     */
    void cancel(String reason);

    /**
     * Stops watching and streaming without touching the Job (the process is going away and will
     * {@link JobRunner#resume} later). The result does not complete.
     */
    void detach();
}
