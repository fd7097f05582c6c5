package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One followed Job, from the moment it exists until its result. Everything arrives as an event
 * (informer callbacks, timers, cancel) and the first event that decides the outcome wins; the end
 * itself (drain the logs, collect outputs and failure detail, clean up) runs on {@link
 * JobThreads#WORK}, never on a caller's thread.
 */
final class JobRun implements RunningJob, JobWatch.Listener {
    /**
     * The least time the logs get to be read after the Job finished, even when the run's timeout
     * is nearer: a Job that ends just before its timeout still has its last lines read.
     */
    static final Duration MIN_DRAIN = Duration.ofSeconds(30);

    private enum State {
        FOLLOWING,
        ENDING,
        DETACHED
    }

    /**
     * How a run ends.
     *
     * @param stoppedByUs Kubernetes did not finish the Job: cleanup removes it unless told never to
     * @param drain wait for the last log lines of finished containers
     * @param jobGone the Job no longer exists: nothing to clean up
     */
    private record Ending(
            JobStatus status, String reason, String message, boolean stoppedByUs, boolean drain, boolean jobGone) {}

    private final KubernetesClient client;
    private final JobRequest request;
    private final Console console;
    private final JobRef job;
    private final Instant deadline;
    private final boolean resumed;
    private final Warnings warnings;
    private final JobLogs logs;
    private final FailFast failFast;
    /** How long a DELETE that failed for a passing reason is sent again, from the run's end. */
    private final Duration deleteRetries;
    /** The Job as created by this run; null when resumed. */
    private final Job created;

    private final RunWatch watch;
    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.FOLLOWING);
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private volatile Job lastSeen;
    private volatile String logLink;
    private volatile ScheduledFuture<?> timeout;

    JobRun(
            KubernetesClient client,
            JobWatching watching,
            JobRequest request,
            Console console,
            JobRef job,
            Instant deadline,
            boolean resumed,
            Warnings warnings,
            JobLogs logs,
            String logLink,
            Job created,
            Duration deleteRetries) {
        this.client = client;
        this.deleteRetries = deleteRetries;
        this.request = request;
        this.console = console;
        this.job = job;
        this.deadline = deadline;
        this.resumed = resumed;
        this.warnings = warnings;
        this.logs = logs;
        this.logLink = logLink;
        this.failFast = new FailFast(request.failFastGrace(), this::onStuck);
        this.created = created;
        this.watch = new RunWatch(client, watching, job, this);
    }

    /**
     * Starts the watch; the timeout runs from the moment the Job's state is known. A resumed run
     * reads the Job first: whether it still exists, and which watch sees it.
     */
    void follow() {
        // blocking reads run on our own pool, never on a caller's or an HTTP client's thread
        CompletableFuture<Optional<Job>> known = created != null
                ? CompletableFuture.completedFuture(Optional.of(created))
                : CompletableFuture.supplyAsync(watch::read, JobThreads.WORK);
        known.thenCompose(watch::start).whenComplete((found, problem) -> {
            try {
                if (problem != null) {
                    onFailure(problem);
                    return;
                }
                if (found.isEmpty()) {
                    String message = resumed
                            ? "Job " + job + " no longer exists; it was deleted while the controller was away"
                            : "Job " + job + " was deleted before it finished";
                    end(new Ending(JobStatus.FAILED, "JobDeleted", message, false, false, true));
                } else {
                    if (logLink == null && resumed) {
                        // printed before the restart already; only the result needs it again
                        logLink = LogLink.resolve(found.get(), ignored -> {}).orElse(null);
                    }
                    onJobState(found.get());
                    armTimeout();
                }
            } catch (RuntimeException | LinkageError e) {
                onFailure(e);
            }
        });
    }

    private void armTimeout() {
        long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        timeout = JobThreads.TIMERS.schedule(this::onTimeout, delay, TimeUnit.MILLISECONDS);
        if (state.get() != State.FOLLOWING) {
            timeout.cancel(false);
        }
    }

    @Override
    public void onJob(Job live) {
        watch.sawJob();
        onJobState(live);
    }

    private void onJobState(Job live) {
        lastSeen = live;
        Optional<JobCondition> complete = PodStates.condition(live, "Complete");
        Optional<JobCondition> failed = PodStates.condition(live, "Failed");
        if (complete.isPresent()) {
            end(new Ending(JobStatus.SUCCEEDED, null, null, false, true, false));
        } else if (failed.isPresent()) {
            JobCondition condition = failed.get();
            end(new Ending(JobStatus.FAILED, condition.getReason(), condition.getMessage(), false, true, false));
        }
    }

    @Override
    public void onJobDeleted(Job gone) {
        if (state.get() == State.FOLLOWING) {
            lastSeen = null;
            String message = "Job " + job + " was deleted before it finished";
            end(new Ending(JobStatus.FAILED, "JobDeleted", message, false, false, true));
        }
    }

    @Override
    public void onPod(Pod pod) {
        pods.put(PodStates.name(pod), pod);
        logs.onPod(pod);
        failFast.onPod(pod);
    }

    @Override
    public void onPodDeleted(Pod pod) {
        // its last state still explains a failure, and its outputs may still count
        pods.put(PodStates.name(pod), pod);
        failFast.onPodDeleted(pod);
    }

    @Override
    public void onFailure(Throwable problem) {
        end(new Ending(JobStatus.FAILED, "Error", describe(problem), true, false, false));
    }

    private void onStuck(FailFast.Stuck stuck) {
        end(new Ending(JobStatus.FAILED, stuck.reason(), stuck.describe(failFast.grace()), true, false, false));
    }

    private void onTimeout() {
        Duration limit = request.timeout() != null ? request.timeout() : Duration.between(Instant.now(), deadline);
        String message = "timed out after " + HumanDuration.format(limit);
        end(new Ending(JobStatus.TIMED_OUT, "TimedOut", message, true, false, false));
    }

    @Override
    public void cancel(String reason) {
        String why = reason == null || reason.isBlank() ? "cancelled" : reason;
        end(new Ending(JobStatus.CANCELLED, "Cancelled", why, true, false, false));
    }

    @Override
    public void detach() {
        if (state.compareAndSet(State.FOLLOWING, State.DETACHED)) {
            stopFollowing();
            logs.close();
            console.line("Stopped following Job " + job + " for now; it keeps running.");
        }
    }

    @Override
    public JobRef job() {
        return job;
    }

    @Override
    public JobHandle handle() {
        // Positions first: a line read in between is then in the outputs and re-read on resume
        // (harmless, outputs merge); the other order could count a line whose output is lost.
        Map<String, JobHandle.LogPosition> positions = new LinkedHashMap<>(logs.positions());
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        logs.outputsByPod().forEach((pod, values) -> outputs.put(pod, new LinkedHashMap<>(values)));
        return new JobHandle(job, deadline, positions, outputs, warnings.snapshot());
    }

    @Override
    public CompletableFuture<JobResult> result() {
        return result;
    }

    private void end(Ending ending) {
        if (!state.compareAndSet(State.FOLLOWING, State.ENDING)) {
            return;
        }
        // timers and events that fire from here on find the run ending and do nothing
        CompletableFuture<Void> drained = ending.drain() ? drainLogs() : CompletableFuture.completedFuture(null);
        drained.whenCompleteAsync((v, problem) -> finish(ending), JobThreads.WORK);
    }

    private CompletableFuture<Void> drainLogs() {
        // bounded by the run's timeout only: a log that is still arriving is read to its end
        Instant drainDeadline = later(deadline, Instant.now().plus(MIN_DRAIN));
        // a safety net should the drain itself never complete; the logs then count as incomplete
        long safetyNet = Duration.between(Instant.now(), drainDeadline)
                .plus(PodLogs.STALL_LIMIT.multipliedBy(2))
                .toMillis();
        return CompletableFuture.supplyAsync(
                        () -> {
                            // the Job's end may arrive before its pods' events (a resumed run, or the
                            // pod watch behind the Job watch): then the pods are read directly
                            watch.pods().forEach(this::onPod);
                            if (pods.size() < finishedPods()) {
                                watch.listPods().forEach(this::onPod);
                            }
                            return logs.drain(drainDeadline);
                        },
                        JobThreads.WORK)
                .thenCompose(drain -> drain)
                .orTimeout(safetyNet, TimeUnit.MILLISECONDS)
                .exceptionally(problem -> {
                    String why = problem instanceof TimeoutException
                            ? "the log streams did not end by " + drainDeadline
                            : describe(problem);
                    warnings.add("The last log lines of Job " + job + " may be missing: " + why);
                    return null;
                });
    }

    /** How many pods the Job counts as finished; at least one for a Job that ended by itself. */
    private int finishedPods() {
        Job live = lastSeen;
        if (live == null || live.getStatus() == null) {
            return 1;
        }
        int succeeded =
                live.getStatus().getSucceeded() == null ? 0 : live.getStatus().getSucceeded();
        int failed = live.getStatus().getFailed() == null ? 0 : live.getStatus().getFailed();
        return Math.max(1, succeeded + failed);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Reports the outcome and cleans up. Cleanup happens whatever failed before it: a run that
     * completed its result without deleting a Job it stopped would leave that Job running unseen.
     */
    private void finish(Ending ending) {
        JobResult concluded;
        try {
            concluded = conclude(ending);
        } catch (RuntimeException | LinkageError e) {
            concluded = couldNotFinish(e);
        } finally {
            // idempotent; after a failure above they may not have run
            RunResults.quietly(this::stopFollowing);
            RunResults.quietly(logs::close);
        }
        JobResult soFar = concluded;
        CompletableFuture<Optional<String>> cleanedUp;
        try {
            cleanedUp = Cleanup.apply(
                    client,
                    job,
                    request.cleanup(),
                    ending.status(),
                    ending.stoppedByUs(),
                    ending.jobGone() ? null : lastSeenOrRef(),
                    console,
                    warnings,
                    Instant.now().plus(deleteRetries));
        } catch (RuntimeException | LinkageError e) {
            cleanedUp = CompletableFuture.failedFuture(e);
        }
        cleanedUp.whenComplete((undeleted, problem) -> {
            try {
                String added = problem != null
                        ? "the cleanup of Job " + job + " failed: " + describe(problem)
                        : undeleted.orElse(null);
                result.complete(RunResults.withCleanup(soFar, added, warnings));
            } finally {
                // whatever withCleanup ran into, the caller gets a result
                result.complete(soFar);
            }
        });
    }

    /** Stops following, collects outputs and failure detail, and prints the outcome. */
    private JobResult conclude(Ending ending) {
        stopFollowing();
        Failure failure = ending.status() == JobStatus.SUCCEEDED
                ? null
                : new Failure(
                        ending.reason(), ending.message(), FailureReport.containers(pods.values(), logs::lastLines));
        logs.outputLimitSummary().forEach(warnings::add);
        JobOutputs collected = new JobOutputs(client, request, warnings);
        Map<String, Object> outputs =
                collected.collect(job, ending.status() == JobStatus.SUCCEEDED, logs.outputsByPod(), pods);
        // before close(), which ends every log that is still being read
        List<String> incomplete = collected.incomplete(logs.incomplete(), pods);
        logs.close();
        if (failure == null) {
            console.line("Job " + job + " succeeded.");
        } else {
            FailureReport.print(console, job, ending.status(), failure);
        }
        if (!outputs.isEmpty()) {
            console.line("Outputs: " + String.join(", ", outputs.keySet()));
        }
        if (!incomplete.isEmpty() && ending.drain()) {
            // a run we stopped (timeout, cancel) has partial outputs anyway; the result lists them
            warnings.add("The outputs of Job " + job + " may be incomplete: the logs of "
                    + String.join(", ", incomplete) + " could not be read to their end"
                    + (request.allowIncompleteOutputs() ? " (accepted: allowIncompleteOutputs)." : "."));
        }
        return new JobResult(ending.status(), job, outputs, logLink, failure, warnings.snapshot(), incomplete);
    }

    private JobResult couldNotFinish(Throwable problem) {
        String message = "Could not finish following Job " + job + ": " + describe(problem);
        // the console may be what failed; the result says it anyway
        RunResults.quietly(() -> console.line(message));
        return new JobResult(
                JobStatus.FAILED,
                job,
                Map.of(),
                logLink,
                new Failure("Error", message, List.of()),
                warnings.snapshot());
    }

    /** A Job ended before it was ever listed (cancelled at once) still exists and is cleaned up. */
    private Job lastSeenOrRef() {
        Job live = lastSeen;
        return live != null ? live : RunResults.placeholder(job);
    }

    private void stopFollowing() {
        ScheduledFuture<?> timer = timeout;
        if (timer != null) {
            timer.cancel(false);
        }
        failFast.close();
        watch.stop().forEach(p -> pods.put(PodStates.name(p), p));
    }

    private String describe(Throwable problem) {
        return RunResults.describe(problem, job, client);
    }
}
