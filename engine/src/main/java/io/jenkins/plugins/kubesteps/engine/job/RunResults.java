package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the end of a run needs besides the run itself: its problems as sentences, its result amended. */
final class RunResults {
    private RunResults() {}

    /**
     * {@code soFar} with what became of the Job ({@code added}, null when nothing needs saying) and
     * the warnings of the cleanup: part of the failure of a run that failed, since a Job we stopped
     * may still be running; a warning for a run that succeeded, whose Job is over.
     */
    static JobResult withCleanup(JobResult soFar, String added, Warnings warnings) {
        Failure failure = soFar.failure();
        if (added != null && failure == null) {
            warnings.add(added);
        } else if (added != null) {
            failure = new Failure(failure.reason(), failure.message() + "; " + added, failure.containers());
        }
        return new JobResult(
                soFar.status(),
                soFar.job(),
                soFar.outputs(),
                soFar.logLink(),
                failure,
                warnings.snapshot(),
                soFar.incompleteOutputs());
    }

    /** Stands for a Job that was never listed (a run cancelled at once), so it can be cleaned up. */
    static Job placeholder(JobRef job) {
        Job placeholder = new Job();
        placeholder.setMetadata(new ObjectMetaBuilder()
                .withNamespace(job.namespace())
                .withName(job.name())
                .withUid(job.uid())
                .build());
        return placeholder;
    }

    static String describe(Throwable problem, JobRef job, KubernetesClient client) {
        Throwable cause = problem;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KubernetesClientException e) {
            return ClusterErrors.translate(
                            e, "follow Job " + job + " and its pods", String.valueOf(client.getMasterUrl()))
                    .getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Runs a step of the end whose failure must not keep the others from running. */
    static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            // the end goes on: the result reports what matters
        }
    }
}
