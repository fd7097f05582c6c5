package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Applies the cleanup policy once a run has ended, and says on the console what became of the Job. */
final class Cleanup {
    /** How long the DELETE may take when the client has no request timeout (fabric8's default). */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

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

    /**
     * Deletes the Job only if it is still ours: the request carries a uid precondition, so a newer
     * Job of the same name, created by another run after ours ended, is never deleted by mistake.
     * fabric8 7.8 offers a resourceVersion precondition only (which a status update of our own Job
     * would break), so the DELETE is sent with its body written here.
     */
    private static void delete(KubernetesClient client, JobRef job, Console console, Warnings warnings) {
        try {
            HttpResponse<String> response = sendDelete(client, job);
            int code = response.code();
            if (code == 404) {
                console.line("Job " + job + " was already gone.");
            } else if (code == 409) {
                // the uid precondition failed: a later run with the same fixed name replaced ours
                console.line("Job " + job + " is now another Job of the same name; left it alone.");
            } else if (response.isSuccessful()) {
                console.line("Deleted Job " + job + "; Kubernetes deletes its pods in the background.");
            } else {
                throw new KubernetesClientException(status(client, code, response.body()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warnings.add("Did not delete Job " + job + ": interrupted.");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            warnings.add(ClusterErrors.translate(cause, "delete Job " + job, String.valueOf(client.getMasterUrl()))
                    .getMessage());
        }
    }

    private static HttpResponse<String> sendDelete(KubernetesClient client, JobRef job)
            throws InterruptedException, ExecutionException, TimeoutException {
        DeleteOptions options = new DeleteOptionsBuilder()
                .withPropagationPolicy(DeletionPropagation.BACKGROUND.toString())
                .withNewPreconditions()
                .withUid(job.uid())
                .endPreconditions()
                .build();
        String master = client.getMasterUrl().toString();
        String url = (master.endsWith("/") ? master : master + "/") + "apis/batch/v1/namespaces/"
                + encode(job.namespace()) + "/jobs/" + encode(job.name());
        Integer configured = client.getConfiguration().getRequestTimeout();
        long timeout = configured != null && configured > 0 ? configured : DEFAULT_TIMEOUT.toMillis();
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(url)
                .timeout(timeout, TimeUnit.MILLISECONDS)
                .delete("application/json", client.getKubernetesSerialization().asJson(options))
                .build();
        return http.sendAsync(request, String.class).get(2 * timeout, TimeUnit.MILLISECONDS);
    }

    /** The API server's Status for a failed request, or one made up from the HTTP code. */
    private static Status status(KubernetesClient client, int code, String body) {
        try {
            Status status = client.getKubernetesSerialization().unmarshal(body, Status.class);
            if (status != null && status.getCode() != null) {
                return status;
            }
        } catch (RuntimeException e) {
            // not a Status: fall through to a plain one
        }
        return new StatusBuilder().withCode(code).withMessage(body).build();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Integer ttl(Job job) {
        return job.getSpec() == null ? null : job.getSpec().getTtlSecondsAfterFinished();
    }
}
