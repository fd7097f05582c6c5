package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Applies the planned objects one after the other, in plan order. Between two objects it checks
 * for cancel and the deadline, so an object is always written whole; before the first object
 * after the CustomResourceDefinitions it waits (on a watch) until they are Established.
 */
final class ApplySequence {
    private final KubernetesClient client;
    private final Applier applier;
    private final io.jenkins.plugins.kubesteps.engine.Console console;
    private final Instant deadline;
    private final CompletableFuture<Void> cancelled;
    private final BiConsumer<Integer, String> applied;

    ApplySequence(
            KubernetesClient client,
            Applier applier,
            io.jenkins.plugins.kubesteps.engine.Console console,
            Instant deadline,
            CompletableFuture<Void> cancelled,
            BiConsumer<Integer, String> applied) {
        this.client = client;
        this.applier = applier;
        this.console = console;
        this.deadline = deadline;
        this.cancelled = cancelled;
        this.applied = applied;
    }

    /** @return how the deploy ends when applying failed or timed out; null when it may go on */
    DeployRun.Ending run(List<Planned> plan) {
        List<String> newCrds = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            if (cancelled.isDone()) {
                return null;
            }
            try {
                if (ApplyOrder.rank(p.kind()) > ApplyOrder.CRD && !newCrds.isEmpty()) {
                    awaitEstablished(newCrds);
                    newCrds.clear();
                    if (cancelled.isDone()) {
                        return null;
                    }
                }
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative()) {
                    return new DeployRun.Ending(
                            DeployStatus.TIMED_OUT, "TimedOut", "the deadline passed while applying", List.of(i));
                }
                GenericKubernetesResource live = applier.apply(p, left);
                String name = live.getMetadata().getName();
                applied.accept(i, name);
                console.line(verb(p) + " " + p.kind().slashName(name)
                        + (p.kind().namespaced() ? " in " + p.object().namespace() : "")
                        + (p.object().version().isEmpty()
                                ? ""
                                : " (" + p.object().version() + ")"));
                if (ApiKinds.CRD_KIND.equals(p.kind().kind())) {
                    newCrds.add(name);
                }
            } catch (Applier.ApplyException e) {
                return new DeployRun.Ending(DeployStatus.FAILED, e.reason, e.getMessage(), List.of(i));
            } catch (RuntimeException e) {
                String message = ClusterErrors.translate(
                                e, "apply " + p.object().describe(), String.valueOf(client.getMasterUrl()))
                        .getMessage();
                return new DeployRun.Ending(DeployStatus.FAILED, Applier.reason(code(e)), message, List.of(i));
            }
        }
        return null;
    }

    private static String verb(Planned p) {
        return switch (p.strategy()) {
            case APPLY -> "Applied";
            case CREATE -> "Created";
            case REPLACE -> "Replaced";
            case RECREATE -> "Recreated";
        };
    }

    private void awaitEstablished(List<String> crds) {
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
            console.line("customresourcedefinition/" + name + ": Established");
        }
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
