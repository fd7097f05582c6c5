package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.watch.SharedWatch;
import io.jenkins.plugins.kubesteps.engine.watch.WatchedKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Follows a Job through the two watches its namespace shares with every other followed Job of the
 * same client: one of the Jobs and one of the pods carrying {@link JobRunner#MANAGED_BY_LABEL}
 * {@code =} {@link JobRunner#MANAGED_BY}. The Job is matched by its uid, its pods by their owner's.
 */
final class SharedJobWatch implements JobWatch {
    static final WatchedKind<Job> JOBS = new WatchedKind<>(
            "Jobs managed by " + JobRunner.MANAGED_BY,
            (client, namespace) -> client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withLabel(JobRunner.MANAGED_BY_LABEL, JobRunner.MANAGED_BY)
                    .runnableInformer(0),
            job -> List.of(job.getMetadata().getUid()));

    static final WatchedKind<Pod> PODS = new WatchedKind<>(
            "pods managed by " + JobRunner.MANAGED_BY,
            (client, namespace) -> client.pods()
                    .inNamespace(namespace)
                    .withLabel(JobRunner.MANAGED_BY_LABEL, JobRunner.MANAGED_BY)
                    .runnableInformer(0),
            SharedJobWatch::owners);

    private final KubernetesClient client;
    private final JobRef job;
    private final Listener listener;
    private volatile SharedWatch.Subscription<Pod> pods;
    private volatile SharedWatch.Subscription<Job> jobs;
    private volatile boolean closed;

    SharedJobWatch(KubernetesClient client, JobRef job, Listener listener) {
        this.client = client;
        this.job = job;
        this.listener = listener;
    }

    /** Whether the shared watches see this Job and its pods: both carry the managed-by label. */
    static boolean covers(Job live) {
        return live != null
                && live.getMetadata() != null
                && live.getMetadata().getLabels() != null
                && JobRunner.MANAGED_BY.equals(live.getMetadata().getLabels().get(JobRunner.MANAGED_BY_LABEL))
                && JobRunner.MANAGED_BY.equals(JobWatch.podLabels(live).get(JobRunner.MANAGED_BY_LABEL));
    }

    private static List<String> owners(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        return refs == null
                ? List.of()
                : refs.stream()
                        .filter(r -> Boolean.TRUE.equals(r.getController()))
                        .map(OwnerReference::getUid)
                        .toList();
    }

    @Override
    public synchronized CompletableFuture<Optional<Job>> start() {
        if (closed) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        pods = SharedWatch.subscribe(
                client, job.namespace(), PODS, job.uid(), listen(listener::onPod, listener::onPodDeleted));
        jobs = SharedWatch.subscribe(
                client, job.namespace(), JOBS, job.uid(), listen(listener::onJob, listener::onJobDeleted));
        return pods.started().thenCompose(v -> jobs.started()).thenApply(v -> job());
    }

    private <T> SharedWatch.Listener<T> listen(Consumer<T> changed, Consumer<T> deleted) {
        return new SharedWatch.Listener<>() {
            @Override
            public void changed(T object) {
                changed.accept(object);
            }

            @Override
            public void deleted(T object) {
                deleted.accept(object);
            }

            @Override
            public void failed(Throwable problem) {
                listener.onFailure(problem);
            }
        };
    }

    @Override
    public Optional<Job> job() {
        SharedWatch.Subscription<Job> s = jobs;
        return s == null ? Optional.empty() : s.current().stream().findFirst();
    }

    @Override
    public List<Pod> pods() {
        SharedWatch.Subscription<Pod> s = pods;
        return s == null ? List.of() : s.current();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pods != null) {
            pods.close();
        }
        if (jobs != null) {
            jobs.close();
        }
    }
}
