package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs Kubernetes Jobs: creates the Job, streams its pods' logs to a {@link Console}, captures
 * outputs, follows completion with a watch, and cleans up.
 */
public final class JobRunner {
    /** Marks the Jobs we create, so people (and later cleanups) can tell them apart. */
    public static final String MANAGED_BY_LABEL = KubeLabels.MANAGED_BY_LABEL;

    public static final String MANAGED_BY = KubeLabels.MANAGED_BY;

    /** How long a previous Job of the same fixed name may take to disappear. */
    static final Duration DEFAULT_REPLACE_LIMIT = Duration.ofMinutes(1);

    /**
     * How long after a run's end a DELETE of its Job that failed for a passing reason is sent again.
     * Not the rest of the run's timeout: whoever cancelled, or whose timeout passed, waits for it.
     */
    static final Duration DEFAULT_DELETE_RETRIES = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final JobWatching watching;
    private final JobLogs.Factory logsFactory;
    private final Duration replaceLimit;
    private final Duration deleteRetries;

    /** A runner whose Jobs share their namespace's watches ({@link JobWatching#SHARED}). */
    public JobRunner(KubernetesClient client) {
        this(client, JobWatching.SHARED);
    }

    public JobRunner(KubernetesClient client, JobWatching watching) {
        this(client, watching, JobLogs.podLogs(), DEFAULT_REPLACE_LIMIT, DEFAULT_DELETE_RETRIES);
    }

    JobRunner(KubernetesClient client, JobLogs.Factory logsFactory, Duration replaceLimit) {
        this(client, JobWatching.SHARED, logsFactory, replaceLimit, DEFAULT_DELETE_RETRIES);
    }

    JobRunner(KubernetesClient client, JobLogs.Factory logsFactory, Duration replaceLimit, Duration deleteRetries) {
        this(client, JobWatching.SHARED, logsFactory, replaceLimit, deleteRetries);
    }

    private JobRunner(
            KubernetesClient client,
            JobWatching watching,
            JobLogs.Factory logsFactory,
            Duration replaceLimit,
            Duration deleteRetries) {
        this.client = Objects.requireNonNull(client, "client");
        this.watching = Objects.requireNonNull(watching, "watching");
        this.logsFactory = logsFactory;
        this.replaceLimit = replaceLimit;
        this.deleteRetries = deleteRetries;
    }

    /**
     * Validates the manifest, creates the Job and starts following it. Returns once the Job exists.
     *
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException the manifest or request is unusable
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException the cluster refused or could not be reached
     */
    public RunningJob start(JobRequest request, Console console) {
        Duration timeout = timeout(request);
        JobRequest labelled = request.labels().containsKey(MANAGED_BY_LABEL)
                ? request
                : request.toBuilder().label(MANAGED_BY_LABEL, MANAGED_BY).build();
        Job job = JobManifest.prepare(
                JobManifest.load(request.manifest(), request.source()), labelled, client.getNamespace());
        String namespace = job.getMetadata().getNamespace();
        Warnings warnings = new Warnings(console, List.of());
        // opened before the Job exists: a log follower that cannot start must not leave a Job behind
        JobLogs logs = logsFactory.open(client, namespace, request, console, warnings::add, Map.of(), Map.of());
        Job created;
        try {
            created = JobCreation.create(client, job, console, replaceLimit);
        } catch (RuntimeException e) {
            logs.close();
            throw e;
        }
        JobRef ref = new JobRef(
                namespace,
                created.getMetadata().getName(),
                created.getMetadata().getUid());
        console.line("Created Job " + ref);
        String link = LogLink.resolve(created, warnings::add).orElse(null);
        if (link != null) {
            console.link(link, "Logs of Job " + ref);
        }
        JobRun run = new JobRun(
                client,
                watching,
                request,
                console,
                ref,
                Instant.now().plus(timeout),
                false,
                warnings,
                logs,
                link,
                created,
                deleteRetries);
        run.follow();
        return run;
    }

    /**
     * Re-attaches to the Job of {@code handle}: watches it again and continues each container's
     * log after the saved position, without printing a line twice. If the Job finished meanwhile,
     * the result completes at once (after reading what the logs still hold).
     */
    public RunningJob resume(JobHandle handle, JobRequest request, Console console) {
        JobRef ref = Objects.requireNonNull(handle.job(), "handle.job");
        Warnings warnings = new Warnings(console, handle.warnings() == null ? List.of() : handle.warnings());
        JobLogs logs = logsFactory.open(
                client,
                ref.namespace(),
                request,
                console,
                warnings::add,
                handle.logPositions() == null ? Map.of() : handle.logPositions(),
                handle.outputsByPod() == null ? Map.of() : handle.outputsByPod());
        console.line("Following Job " + ref + " again.");
        Instant deadline =
                handle.deadline() != null ? handle.deadline() : Instant.now().plus(timeout(request));
        JobRun run = new JobRun(
                client, watching, request, console, ref, deadline, true, warnings, logs, null, null, deleteRetries);
        run.follow();
        return run;
    }

    /**
     * A handle for a Job this process did not start (its follower died, or someone wants to watch
     * it): no log positions, so every log is read from its start and scanned for outputs ({@link
     * JobRequest#logsSince()} decides what is printed). The deadline is the request's timeout from
     * now, or the Job's own {@code activeDeadlineSeconds} (+ {@link JobRequest#DEADLINE_MARGIN})
     * when that comes first. Pass it to {@link #resume}.
     *
     * @throws InvalidInputException the Job does not exist
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException the cluster refused or failed
     */
    public JobHandle handleOf(String namespace, String name, JobRequest request) {
        String what = "Job " + namespace + "/" + name;
        Job live;
        try {
            live = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(e, "read " + what, String.valueOf(client.getMasterUrl()));
        }
        if (live == null) {
            throw new InvalidInputException(what + " does not exist (check the name and the namespace)");
        }
        Instant deadline = Instant.now().plus(timeout(request));
        Long activeDeadline = live.getSpec() == null ? null : live.getSpec().getActiveDeadlineSeconds();
        Instant started = live.getStatus() == null
                ? null
                : PodLogTimestamp.parseInstant(live.getStatus().getStartTime());
        if (activeDeadline != null && started != null) {
            Instant own = started.plusSeconds(activeDeadline).plus(JobRequest.DEADLINE_MARGIN);
            deadline = own.isBefore(deadline) ? own : deadline;
        }
        JobRef ref = new JobRef(namespace, name, live.getMetadata().getUid());
        return new JobHandle(ref, deadline, Map.of(), Map.of(), List.of());
    }

    private static Duration timeout(JobRequest request) {
        Duration timeout = request.timeout() == null ? JobRequest.DEFAULT_TIMEOUT : request.timeout();
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InvalidInputException("The timeout must be longer than zero, not " + timeout);
        }
        return timeout;
    }
}
