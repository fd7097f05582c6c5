package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Follows one Job and its pods by watching (one list, then a long watch, listed and watched again
 * after a 410 Gone or a dropped connection). Nothing polls: a Job that runs for hours costs the same
 * requests as one that runs for seconds.
 */
interface JobWatch extends AutoCloseable {
    /** The label the Job controller puts on its pods (also on clusters before 1.27). */
    String JOB_NAME_LABEL = "job-name";

    /** What happens to the Job and its pods; called on an informer's thread, must not block. */
    interface Listener {
        void onJob(Job job);

        void onJobDeleted(Job job);

        void onPod(Pod pod);

        void onPodDeleted(Pod pod);

        /** The watch broke for good, or a handler threw. */
        void onFailure(Throwable problem);
    }

    /**
     * Starts watching.
     *
     * @return completes once the watches have listed, with the Job as the watch knows it (empty if
     *     it does not know it, which for a shared watch may only mean its event is on the way)
     */
    CompletableFuture<Optional<Job>> start();

    /** The Job as last seen, if it still exists. */
    Optional<Job> job();

    /** The pods of the Job as last seen. */
    List<Pod> pods();

    @Override
    void close();

    /**
     * The namespace's shared watches when the runner shares them and the Job's pods carry the
     * engine's managed-by label (every Job the engine creates), else watches of this Job alone.
     */
    static JobWatch of(KubernetesClient client, JobWatching watching, JobRef job, Job live, Listener listener) {
        return watching == JobWatching.SHARED && SharedJobWatch.covers(live)
                ? new SharedJobWatch(client, job, listener)
                : new SingleJobWatch(client, job, listener);
    }

    /** The labels of the Job's pod template (empty when it has none). */
    static Map<String, String> podLabels(Job live) {
        if (live == null
                || live.getSpec() == null
                || live.getSpec().getTemplate() == null
                || live.getSpec().getTemplate().getMetadata() == null
                || live.getSpec().getTemplate().getMetadata().getLabels() == null) {
            return Map.of();
        }
        return live.getSpec().getTemplate().getMetadata().getLabels();
    }
}
