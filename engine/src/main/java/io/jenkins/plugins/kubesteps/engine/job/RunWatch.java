package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The watch of one run: chosen once the Job is known (shared by the namespace when the runner
 * shares watches and the Job's pods carry our label, else the Job's own), started once, stopped
 * once; a watch asked to start after the run stopped never starts.
 */
final class RunWatch {
    /** How long a watch may take to report a Job it did not list before the Job is read directly. */
    static final Duration UNSEEN_RECHECK = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final JobWatching watching;
    private final JobRef job;
    private final JobWatch.Listener listener;
    private JobWatch watch;
    private boolean stopped;
    private volatile boolean sawJob;

    RunWatch(KubernetesClient client, JobWatching watching, JobRef job, JobWatch.Listener listener) {
        this.client = client;
        this.watching = watching;
        this.job = job;
        this.listener = listener;
    }

    /**
     * Watches the Job as found; completes with the newest state known. A watch that does not know
     * the Job yet (a shared watch whose event is on the way, or one started after the Job was
     * deleted, which never hears of it) is checked once more by a direct read later, unless it
     * reported the Job by then; a Job gone by then counts as deleted.
     */
    CompletableFuture<Optional<Job>> start(Optional<Job> found) {
        CompletableFuture<Optional<Job>> listed;
        synchronized (this) {
            if (found.isEmpty() || stopped) {
                return CompletableFuture.completedFuture(found);
            }
            watch = JobWatch.of(client, watching, job, found.get(), listener);
            listed = watch.start();
        }
        return listed.thenApply(seen -> {
            if (seen.isEmpty()) {
                JobThreads.TIMERS.schedule(
                        () -> JobThreads.WORK.execute(this::checkStillThere),
                        UNSEEN_RECHECK.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return seen.isPresent() ? seen : found;
        });
    }

    /** The watch reported the Job. */
    void sawJob() {
        sawJob = true;
    }

    private void checkStillThere() {
        synchronized (this) {
            if (sawJob || stopped) {
                return;
            }
        }
        try {
            if (read().isEmpty()) {
                listener.onJobDeleted(null);
            }
        } catch (RuntimeException e) {
            // the watch goes on; its own errors end the run
        }
    }

    /** The Job read directly from the API server (blocks); empty when it, by this uid, is gone. */
    Optional<Job> read() {
        try {
            Job live = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(job.namespace())
                    .withName(job.name())
                    .get();
            return live != null && job.uid().equals(live.getMetadata().getUid()) ? Optional.of(live) : Optional.empty();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(e, "read Job " + job, String.valueOf(client.getMasterUrl()));
        }
    }

    /** The Job's pods read directly from the API server (blocks); empty when that fails. */
    List<Pod> listPods() {
        try {
            return client
                    .pods()
                    .inNamespace(job.namespace())
                    .withLabel(JobWatch.JOB_NAME_LABEL, job.name())
                    .list()
                    .getItems()
                    .stream()
                    .filter(p -> PodStates.ownedBy(p, job.uid()))
                    .toList();
        } catch (KubernetesClientException e) {
            // the watch's pods are all there is; the logs of the others count as incomplete
            return List.of();
        }
    }

    /** The pods of the Job as last seen. */
    synchronized List<Pod> pods() {
        return watch == null ? List.of() : watch.pods();
    }

    /** Stops watching; returns the pods as last seen. */
    List<Pod> stop() {
        JobWatch w;
        synchronized (this) {
            stopped = true;
            w = watch;
        }
        if (w == null) {
            return List.of();
        }
        List<Pod> last = w.pods();
        w.close();
        return last;
    }
}
