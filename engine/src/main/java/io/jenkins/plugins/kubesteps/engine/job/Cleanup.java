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
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Applies the cleanup policy once a run has ended, and says on the console what became of the Job.
 * A DELETE that fails for a reason that may pass (no answer, a dropped connection, a 5xx, 429) is
 * sent again after a short back-off until the retry limit; nothing blocks meanwhile: the attempts
 * run on the HTTP client and the engine's timer, their outcome on {@link JobThreads#WORK}.
 */
final class Cleanup {
    /** How long the DELETE may take when the client has no request timeout (fabric8's default). */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    static final Duration MAX_BACKOFF = Duration.ofSeconds(4);

    private Cleanup() {}

    /**
     * @param stoppedByUs the run ended before Kubernetes finished the Job (timeout, cancel, fail
     *     fast, an error of ours): the Job would otherwise keep running unobserved, so it goes unless
     *     the policy is {@link CleanupPolicy#NEVER}
     * @param liveJob the last state of the Job seen, null if it is gone
     * @param retryUntil no DELETE is sent again after this
     * @return what the run's failure must add when a Job stopped by us could not be deleted (it may
     *     still be running); a finished Job that could not be deleted is a warning instead
     */
    static CompletableFuture<Optional<String>> apply(
            KubernetesClient client,
            JobRef job,
            CleanupPolicy policy,
            JobStatus status,
            boolean stoppedByUs,
            Job liveJob,
            Console console,
            Warnings warnings,
            Instant retryUntil) {
        if (liveJob == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        boolean delete =
                switch (policy) {
                    case NEVER -> false;
                    case ALWAYS -> true;
                    case ON_SUCCESS -> stoppedByUs || status == JobStatus.SUCCEEDED;
                    case TTL -> stoppedByUs;
                };
        if (delete) {
            return new Deletion(client, job, console, retryUntil)
                    .start()
                    .thenApplyAsync(
                            problem -> {
                                if (problem.isEmpty()) {
                                    return problem;
                                }
                                if (!stoppedByUs) {
                                    warnings.add(problem.get());
                                    return Optional.empty();
                                }
                                String undeleted = undeleted(job, problem.get());
                                RunResults.quietly(() -> console.line(undeleted));
                                return Optional.of(undeleted);
                            },
                            JobThreads.WORK);
        }
        if (policy == CleanupPolicy.TTL && ttl(liveJob) != null) {
            console.line("Kubernetes deletes Job " + job + " " + ttl(liveJob)
                    + " s after it finished (ttlSecondsAfterFinished).");
        } else {
            console.line("Kept Job " + job + " (cleanup: " + policy.id() + ").");
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** Said on the console and added to the run's failure: the user must not believe the Job gone. */
    static String undeleted(JobRef job, String problem) {
        String prefix = "Could not delete Job " + job + ": ";
        String why = problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
        why = why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
        return "the Job " + job + " could not be deleted: " + why + "; it may still be running - delete it with"
                + " kubectl delete job -n " + job.namespace() + " " + job.name();
    }

    /**
     * Deletes the Job only if it is still ours: the request carries a uid precondition, so a newer
     * Job of the same name, created by another run after ours ended, is never deleted by mistake.
     * fabric8 7.8 offers a resourceVersion precondition only (which a status update of our own Job
     * would break), so the DELETE is sent with its body written here.
     */
    private static final class Deletion {
        private final KubernetesClient client;
        private final JobRef job;
        private final Console console;
        private final Instant retryUntil;
        /** Completes with the problem that remained, or empty once the Job is gone or not ours. */
        private final CompletableFuture<Optional<String>> done = new CompletableFuture<>();

        Deletion(KubernetesClient client, JobRef job, Console console, Instant retryUntil) {
            this.client = client;
            this.job = job;
            this.console = console;
            this.retryUntil = retryUntil;
        }

        CompletableFuture<Optional<String>> start() {
            attempt(FIRST_BACKOFF);
            return done;
        }

        private void attempt(Duration backoff) {
            CompletableFuture<HttpResponse<String>> sent;
            try {
                sent = send();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenCompleteAsync((response, error) -> answered(response, error, backoff), JobThreads.WORK);
        }

        private void answered(HttpResponse<String> response, Throwable error, Duration backoff) {
            try {
                if (error == null && response.code() == 404) {
                    say("Job " + job + " was already gone.");
                    done.complete(Optional.empty());
                    return;
                }
                if (error == null && response.code() == 409) {
                    // the uid precondition failed: a later run with the same fixed name replaced ours
                    say("Job " + job + " is now another Job of the same name; left it alone.");
                    done.complete(Optional.empty());
                    return;
                }
                if (error == null && response.isSuccessful()) {
                    say("Deleted Job " + job + "; Kubernetes deletes its pods in the background.");
                    done.complete(Optional.empty());
                    return;
                }
                Throwable cause = error != null ? error : new KubernetesClientException(status(response));
                String problem = ClusterErrors.translate(
                                cause, "delete Job " + job, String.valueOf(client.getMasterUrl()))
                        .getMessage();
                if (!mayPass(response, error) || Instant.now().plus(backoff).isAfter(retryUntil)) {
                    done.complete(Optional.of(problem));
                    return;
                }
                if (backoff.equals(FIRST_BACKOFF)) {
                    say(problem + "; trying again for up to "
                            + HumanDuration.format(Duration.between(Instant.now(), retryUntil)) + ".");
                }
                Duration next =
                        backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                JobThreads.TIMERS.schedule(
                        () -> JobThreads.WORK.execute(() -> attempt(next)), backoff.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException | LinkageError e) {
                done.completeExceptionally(e);
            }
        }

        /** What the API server answered decides the outcome; a console that fails does not. */
        private void say(String line) {
            RunResults.quietly(() -> console.line(line));
        }

        /** No answer or a server-side failure may pass; a refusal (403, 422, ...) stays. */
        private static boolean mayPass(HttpResponse<String> response, Throwable error) {
            if (error != null) {
                return true;
            }
            int code = response.code();
            return code >= 500 || code == 429 || code == 408;
        }

        private CompletableFuture<HttpResponse<String>> send() {
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
                    .delete(
                            "application/json",
                            client.getKubernetesSerialization().asJson(options))
                    .build();
            // the request's own timeout may not cover every stage of every HTTP stack
            return http.sendAsync(request, String.class).orTimeout(2 * timeout, TimeUnit.MILLISECONDS);
        }

        /** The API server's Status for a failed request, or one made up from the HTTP code. */
        private Status status(HttpResponse<String> response) {
            try {
                Status status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
                if (status != null && status.getCode() != null) {
                    return status;
                }
            } catch (RuntimeException e) {
                // not a Status: fall through to a plain one
            }
            return new StatusBuilder()
                    .withCode(response.code())
                    .withMessage(response.body())
                    .build();
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Integer ttl(Job job) {
        return job.getSpec() == null ? null : job.getSpec().getTtlSecondsAfterFinished();
    }
}
