package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches one Job and its pods with two informers (one list, then one long watch each; on a 410
 * Gone or a dropped connection they list and watch again by themselves). Nothing here polls: a Job
 * that runs for hours costs the same requests as one that runs for seconds.
 */
final class JobWatch implements AutoCloseable {
    /** The label the Job controller puts on its pods (also on clusters before 1.27). */
    static final String JOB_NAME_LABEL = "job-name";

    /** Attempts before giving up when the very first list fails for a reason that may pass. */
    private static final int START_ATTEMPTS = 3;

    /** What happens to the Job and its pods; called on the informers' threads. */
    interface Listener {
        void onJob(Job job);

        void onJobDeleted(Job job);

        void onPod(Pod pod);

        void onPodDeleted(Pod pod);

        /** The watch broke for good, or a handler threw. */
        void onFailure(Throwable problem);
    }

    private final JobRef job;
    private final Listener listener;
    private final SharedIndexInformer<Job> jobInformer;
    private final SharedIndexInformer<Pod> podInformer;
    private volatile boolean closed;

    JobWatch(KubernetesClient client, JobRef job, Listener listener) {
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
        podInformer.exceptionHandler(retryPolicy());
        jobInformer.exceptionHandler(retryPolicy());
        podInformer.addEventHandler(handler(this::ours, listener::onPod, listener::onPodDeleted));
        jobInformer.addEventHandler(handler(this::ours, listener::onJob, listener::onJobDeleted));
    }

    /**
     * Starts both informers, pods first so that no pod of a Job that is already finished is missed.
     *
     * @return completes once both have listed, with the Job as listed (empty if it does not exist)
     */
    CompletableFuture<Optional<Job>> start() {
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
    Optional<Job> job() {
        return jobInformer.getStore().list().stream().filter(this::ours).findFirst();
    }

    /** The pods of the Job as last seen. */
    List<Pod> pods() {
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

    /**
     * Once watching, retry whatever happens (the server restarts, the network drops) unless the
     * answers cannot be read; before that, fail soon so a missing permission is reported instead of
     * retried until the timeout.
     */
    private static ExceptionHandler retryPolicy() {
        AtomicInteger attempts = new AtomicInteger();
        return (started, problem) -> {
            if (ExceptionHandler.isDeserializationException(problem)) {
                return false;
            }
            if (started) {
                return true;
            }
            boolean refused = problem instanceof KubernetesClientException e && e.getCode() >= 400 && e.getCode() < 500;
            return !refused && attempts.incrementAndGet() < START_ATTEMPTS;
        };
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
