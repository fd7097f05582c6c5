package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.kubesteps.engine.watch.WatchRetry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches one Job and its pods with two informers of its own: for a runner that follows one Job
 * ({@link JobWatching#PER_JOB}), and for Jobs whose pods do not carry the engine's managed-by label
 * (followed with {@code attach}, or labelled otherwise by the user), which the shared watches of
 * {@link SharedJobWatch} would not see. Nothing here polls.
 */
final class SingleJobWatch implements JobWatch {
    private final JobRef job;
    private final Listener listener;
    private final SharedIndexInformer<Job> jobInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private volatile boolean closed;

    SingleJobWatch(KubernetesClient client, JobRef job, Listener listener) {
        this.job = job;
        this.listener = listener;
        this.podInformer = client.pods()
                .inNamespace(job.namespace())
                .withLabel(JOB_NAME_LABEL, job.name())
                .runnableInformer(0);
        this.jobInformer = client.batch()
                .v1()
                .jobs()
                .inNamespace(job.namespace())
                .withName(job.name())
                .runnableInformer(0);
        podInformer.exceptionHandler(WatchRetry.policy());
        jobInformer.exceptionHandler(WatchRetry.policy());
        podInformer.addEventHandler(handler(this::ours, listener::onPod, listener::onPodDeleted));
        jobInformer.addEventHandler(handler(this::ours, listener::onJob, listener::onJobDeleted));
    }

    /**
     * Starts both informers, pods first so that no pod of a Job that is already finished is missed.
     *
     * @return completes once both have listed, with the Job as listed (empty if it does not exist)
     */
    @Override
    public CompletableFuture<Optional<Job>> start() {
        CompletableFuture<Optional<Job>> listed = podInformer
                .start()
                .thenCompose(v -> jobInformer.start())
                .thenApply(v -> job())
                .toCompletableFuture();
        watchForBreakage(podInformer);
        watchForBreakage(jobInformer);
        return listed;
    }

    /** The Job as last seen, if it still exists. */
    @Override
    public Optional<Job> job() {
        return jobInformer.getStore().list().stream().filter(this::ours).findFirst();
    }

    /** The pods of the Job as last seen. */
    @Override
    public List<Pod> pods() {
        return podInformer.getStore().list().stream().filter(this::ours).toList();
    }

    private boolean ours(HasMetadata resource) {
        if (resource instanceof Pod pod) {
            return PodStates.ownedBy(pod, job.uid());
        }
        return resource.getMetadata() != null
                && job.uid().equals(resource.getMetadata().getUid());
    }

    private void watchForBreakage(SharedIndexInformer<?> informer) {
        informer.stopped().whenComplete((v, problem) -> {
            if (problem != null && !closed) {
                listener.onFailure(problem);
            }
        });
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(
            Predicate<T> filter, Consumer<T> changed, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                deliver(obj, changed);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                deliver(newObj, changed);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deliver(obj, deleted);
            }

            private void deliver(T obj, Consumer<T> target) {
                if (closed || obj == null || !filter.test(obj)) {
                    return;
                }
                try {
                    target.accept(obj);
                } catch (RuntimeException | LinkageError e) {
                    listener.onFailure(e);
                }
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        podInformer.stop();
        jobInformer.stop();
    }
}
