package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Threads;
import io.jenkins.plugins.kubesteps.engine.kube.ApiKinds;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Applies the planned objects rank by rank ({@link ApplyOrder}): the objects of one rank
 * concurrently, the next rank once all of them are written. Cancel and the deadline are checked
 * before each object is started, so an object is always written whole; before the first object
 * after the CustomResourceDefinitions it waits (on a watch) until they are Established.
 */
final class ApplySequence {
    /** Writes in flight at once: enough to hide round trips, few enough not to flood the API server. */
    static final int PARALLEL_WRITES = 8;

    private final KubernetesClient client;
    private final Applier applier;
    private final io.jenkins.plugins.kubesteps.engine.Console console;
    private final Instant deadline;
    private final CompletableFuture<Void> cancelled;
    private final BiConsumer<Integer, GenericKubernetesResource> applied;

    ApplySequence(
            KubernetesClient client,
            Applier applier,
            io.jenkins.plugins.kubesteps.engine.Console console,
            Instant deadline,
            CompletableFuture<Void> cancelled,
            BiConsumer<Integer, GenericKubernetesResource> applied) {
        this.client = client;
        this.applier = applier;
        this.console = console;
        this.deadline = deadline;
        this.cancelled = cancelled;
        this.applied = applied;
    }

    /** @return how the deploy ends when applying failed or timed out; null when it may go on */
    DeployRun.Ending run(List<Planned> plan) {
        ExecutorService writers = Executors.newFixedThreadPool(PARALLEL_WRITES, Threads.daemon("kubesteps-apply"));
        try {
            List<String> newCrds = new ArrayList<>();
            int from = 0;
            while (from < plan.size()) {
                int rank = ApplyOrder.rank(plan.get(from).kind());
                int to = from;
                while (to < plan.size() && ApplyOrder.rank(plan.get(to).kind()) == rank) {
                    to++;
                }
                if (cancelled.isDone()) {
                    return null;
                }
                if (rank > ApplyOrder.CRD && !newCrds.isEmpty()) {
                    DeployRun.Ending ending = awaitEstablished(newCrds, from);
                    newCrds.clear();
                    if (ending != null || cancelled.isDone()) {
                        return ending;
                    }
                }
                DeployRun.Ending ending = applyGroup(plan, from, to, writers, newCrds);
                if (ending != null) {
                    return ending;
                }
                from = to;
            }
            return null;
        } finally {
            writers.shutdownNow();
        }
    }

    /**
     * Objects of one rank do not depend on each other: they are written concurrently (a few at a
     * time), which makes a deploy of hundreds of objects several times faster than one by one. The
     * next rank starts only when the whole group is written; after a failure or cancel no further
     * object is started and those in flight are finished.
     */
    private DeployRun.Ending applyGroup(
            List<Planned> plan, int from, int to, ExecutorService writers, List<String> newCrds) {
        AtomicReference<DeployRun.Ending> firstProblem = new AtomicReference<>();
        List<Future<?>> writes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int index = i;
            writes.add(writers.submit(() -> {
                if (cancelled.isDone() || firstProblem.get() != null) {
                    return;
                }
                DeployRun.Ending problem = applyOne(plan.get(index), index, newCrds);
                if (problem != null) {
                    firstProblem.compareAndSet(null, problem);
                }
            }));
        }
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (ExecutionException e) {
                firstProblem.compareAndSet(
                        null,
                        new DeployRun.Ending(DeployStatus.FAILED, "Error", String.valueOf(e.getCause()), List.of()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DeployRun.Ending(DeployStatus.CANCELLED, "Cancelled", "interrupted", List.of());
            }
        }
        return firstProblem.get();
    }

    private DeployRun.Ending applyOne(Planned p, int index, List<String> newCrds) {
        try {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative()) {
                return new DeployRun.Ending(
                        DeployStatus.TIMED_OUT, "TimedOut", "the deadline passed while applying", List.of(index));
            }
            GenericKubernetesResource live = applier.apply(p, left);
            String name = live.getMetadata().getName();
            applied.accept(index, live);
            console.line(verb(p) + " " + p.kind().slashName(name)
                    + (p.kind().namespaced() ? " in " + p.object().namespace() : "")
                    + (p.object().version().isEmpty() ? "" : " (" + p.object().version() + ")"));
            if (ApiKinds.CRD_KIND.equals(p.kind().kind())) {
                synchronized (newCrds) {
                    newCrds.add(name);
                }
            }
            return null;
        } catch (Applier.ApplyException e) {
            return new DeployRun.Ending(DeployStatus.FAILED, e.reason, e.getMessage(), List.of(index));
        } catch (RuntimeException e) {
            String message = ClusterErrors.translate(
                            e, "apply " + p.object().describe(), String.valueOf(client.getMasterUrl()))
                    .getMessage();
            return new DeployRun.Ending(DeployStatus.FAILED, Applier.reason(code(e)), message, List.of(index));
        }
    }

    private static String verb(Planned p) {
        return switch (p.strategy()) {
            case APPLY -> "Applied";
            case CREATE -> "Created";
            case REPLACE -> "Replaced";
            case RECREATE -> "Recreated";
        };
    }

    private DeployRun.Ending awaitEstablished(List<String> crds, int nextIndex) {
        for (String name : crds) {
            CompletableFuture<List<CustomResourceDefinition>> established = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(name)
                    .informOnCondition(list -> list.size() == 1 && isEstablished(list.get(0)));
            try {
                CompletableFuture.anyOf(established, cancelled)
                        .get(
                                Math.max(
                                        1,
                                        Duration.between(Instant.now(), deadline)
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new Applier.ApplyException(
                        "TimedOut", "CustomResourceDefinition " + name + " did not become Established in time", e);
            } catch (ExecutionException e) {
                throw ClusterErrors.translate(
                        e, "wait for CustomResourceDefinition " + name, String.valueOf(client.getMasterUrl()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Applier.ApplyException("Cancelled", "interrupted", e);
            } finally {
                established.cancel(true);
            }
            if (cancelled.isDone()) {
                return null;
            }
            console.line("customresourcedefinition/" + name + ": Established");
        }
        return null;
    }

    private static boolean isEstablished(CustomResourceDefinition crd) {
        return crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int code(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
                return k.getCode();
            }
            if (t instanceof io.jenkins.plugins.kubesteps.engine.ClusterException c) {
                return c.status();
            }
        }
        return -1;
    }
}
