package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;

/**
 * Runs Kubernetes Jobs: creates the Job, streams its pods' logs to a {@link Console}, captures
 * outputs, follows completion with a watch, and cleans up.
 */
public final class JobRunner {
    private final KubernetesClient client;

    public JobRunner(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Validates the manifest, creates the Job and starts following it. Returns once the Job exists.
     *
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException the manifest or request is unusable
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException the cluster refused or could not be reached
     */
    public RunningJob start(JobRequest request, Console console) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Re-attaches to the Job of {@code handle}: watches it again and continues each container's
     * log after the saved position, without printing a line twice. If the Job finished meanwhile,
     * the result completes at once (after reading what the logs still hold).
     */
    public RunningJob resume(JobHandle handle, JobRequest request, Console console) {
        throw new UnsupportedOperationException("not built yet");
    }
}
