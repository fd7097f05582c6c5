package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;

/** Applies the cleanup policy once a run has ended, and says on the console what became of the Job. */
final class Cleanup {
    private Cleanup() {}

    /**
     * @param stoppedByUs the run ended before Kubernetes finished the Job (timeout, cancel, fail
     *     fast, an error of ours): the Job would otherwise keep running unobserved, so it goes unless
     *     the policy is {@link CleanupPolicy#NEVER}
     * @param liveJob the last state of the Job seen, null if it is gone
     */
    static void apply(
            KubernetesClient client,
            JobRef job,
            CleanupPolicy policy,
            JobStatus status,
            boolean stoppedByUs,
            Job liveJob,
            Console console,
            Warnings warnings) {
        if (liveJob == null) {
            return;
        }
        boolean delete =
                switch (policy) {
                    case NEVER -> false;
                    case ALWAYS -> true;
                    case ON_SUCCESS -> stoppedByUs || status == JobStatus.SUCCEEDED;
                    case TTL -> stoppedByUs;
                };
        if (delete) {
            delete(client, job, console, warnings);
        } else if (policy == CleanupPolicy.TTL && ttl(liveJob) != null) {
            console.line("Kubernetes deletes Job " + job + " " + ttl(liveJob)
                    + " s after it finished (ttlSecondsAfterFinished).");
        } else {
            console.line("Kept Job " + job + " (cleanup: " + policy.id() + ").");
        }
    }

    private static void delete(KubernetesClient client, JobRef job, Console console, Warnings warnings) {
        ScalableResource<Job> named =
                client.batch().v1().jobs().inNamespace(job.namespace()).withName(job.name());
        try {
            Job current = named.get();
            if (current == null) {
                console.line("Job " + job + " was already gone.");
            } else if (!current.getMetadata().getUid().equals(job.uid())) {
                // a later run with the same fixed name replaced ours: that Job is not ours to delete
                console.line("Job " + job + " is now another Job of the same name; left it alone.");
            } else {
                named.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                console.line("Deleted Job " + job + "; Kubernetes deletes its pods in the background.");
            }
        } catch (KubernetesClientException e) {
            warnings.add(ClusterErrors.translate(e, "delete Job " + job).getMessage());
        }
    }

    private static Integer ttl(Job job) {
        return job.getSpec() == null ? null : job.getSpec().getTtlSecondsAfterFinished();
    }
}
