package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deploys manifests the way Spinnaker's Deploy (Manifest) stage does: server-side apply in
 * dependency order, artifact binding, versioned ReplicaSets/ConfigMaps/Secrets, Spinnaker's
 * metadata, then a watch-driven wait until every object is stable.
 *
 * <pre>
 * RunningDeploy running = new Deployer(client).start(request, console);
 * running.result().thenAccept(result -> ...);   // or running.cancel("aborted")
 * DeployHandle saved = running.handle();         // persist; after a restart:
 * new Deployer(client).resume(saved, console);
 * </pre>
 */
public final class Deployer {
    private final KubernetesClient client;

    public Deployer(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Checks and prepares everything (reading from the cluster only), then applies and waits on
     * the engine's threads. Returns before the first object is applied.
     *
     * @throws InvalidInputException a manifest or option is unusable; nothing was applied
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException reading from the cluster failed;
     *     nothing was applied
     */
    public RunningDeploy start(DeployRequest request, Console console) {
        if (request.timeout().isZero() || request.timeout().isNegative()) {
            throw new InvalidInputException("The timeout must be longer than zero, not " + request.timeout());
        }
        Instant deadline = Instant.now().plus(request.timeout());
        List<String> early = new ArrayList<>();
        List<Planned> plan = new Planner(client, request, early::add).plan();
        List<TrackedObject> objects = plan.stream()
                .map(p -> new TrackedObject(p.object(), p.kind(), p.baseName(), p.maxVersionHistory()))
                .toList();
        DeployRun run = new DeployRun(
                client, console, deadline, request.waitForLoadBalancers(), objects, List.of(), request.traffic());
        early.forEach(run::warn);
        java.net.URL server = client.getMasterUrl();
        // scheme, host and port only: a URL may carry user-info, which must never be printed
        String where =
                server.getProtocol() + "://" + server.getHost() + (server.getPort() < 0 ? "" : ":" + server.getPort());
        console.line("Deploying " + plan.size() + " object" + (plan.size() == 1 ? "" : "s") + " to " + where
                + (request.forceConflicts() ? " (forcing conflicts)" : ""));
        run.applyThenWait(plan, new Applier(client, request.forceConflicts()), request.waitForStable());
        return run;
    }

    /**
     * Waits again for the objects of {@code handle} (watches them anew; those stable meanwhile are
     * stable at once). A handle taken while objects were still being applied ends the deploy as
     * failed, naming what was applied: the manifests are not kept to finish the job.
     */
    public RunningDeploy resume(DeployHandle handle, Console console) {
        DeployRun run = new DeployRun(
                        client,
                        console,
                        handle.deadline(),
                        handle.waitForLoadBalancers(),
                        handle.objects(),
                        handle.warnings(),
                        handle.traffic())
                .resumed(handle.generations());
        if (handle.applying()) {
            run.end(new DeployRun.Ending(
                    DeployStatus.FAILED,
                    "Interrupted",
                    "The deploy was interrupted while applying; run it again.",
                    List.of()));
        } else {
            console.line("Waiting for the deployed objects again.");
            run.startWaiting();
        }
        return run;
    }
}
