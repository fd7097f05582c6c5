package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Reads the user's Job manifest and prepares it for creation. */
public final class JobManifest {
    private JobManifest() {}

    /**
     * Loads exactly one {@code batch/v1} Job from YAML or JSON text (safe loading, size and alias
     * limits).
     *
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException naming {@code source}, the
     *     line/column where the parser gives it, and what to do
     */
    public static Job load(String text, String source) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Returns a copy ready to create: namespace (request override > manifest > {@code
     * defaultNamespace}), the request's labels (Job and pod template) and annotations added without
     * replacing the user's, {@code ttlSecondsAfterFinished} set under {@link CleanupPolicy#TTL}
     * when absent.
     */
    public static Job prepare(Job job, JobRequest request, String defaultNamespace) {
        throw new UnsupportedOperationException("not built yet");
    }
}
