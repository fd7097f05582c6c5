package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Spinnaker's lifecycle stages on manifests: Delete, Scale, Undo Rollout and Patch (Manifest).
 * Each resolves its target when it starts, makes its change, then waits (watch-driven) until the
 * targets are gone or stable.
 *
 * <pre>
 * RunningOperation running = new ManifestOperations(client).start(request, console);
 * running.result().thenAccept(result -> ...);   // or running.cancel("aborted")
 * OperationHandle saved = running.handle();      // persist; after a restart:
 * new ManifestOperations(client).resume(saved, console);
 * </pre>
 */
public final class ManifestOperations {
    private final KubernetesClient client;

    public ManifestOperations(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Checks the request and resolves its target (reading from the cluster only), then makes the
     * change and waits on the engine's threads. Returns before anything is changed.
     *
     * @throws InvalidInputException an option is unusable, the target does not exist or has a kind
     *     the operation does not work on; nothing was changed
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException reading from the cluster failed;
     *     nothing was changed
     */
    public RunningOperation start(OperationRequest request, Console console) {
        if (request.target() == null) {
            throw new InvalidInputException("No target: name the object, e.g. 'deployment web'");
        }
        if (request.timeout().isZero() || request.timeout().isNegative()) {
            throw new InvalidInputException("The timeout must be longer than zero, not " + request.timeout());
        }
        Instant deadline = Instant.now().plus(request.timeout());
        Targets targets = new Targets(client, namespace(request.namespace()), console);
        List<String> warnings = new ArrayList<>();
        Action action = prepare(request, targets, warnings);
        OperationRun run = new OperationRun(
                client,
                console,
                action.operation(),
                action.targets(),
                request.waitForCompletion() ? action.waitMode() : OperationHandle.WaitMode.NONE,
                deadline,
                List.of());
        warnings.forEach(run::warn);
        run.actThenWait(action);
        return run;
    }

    /**
     * Waits again for the targets of {@code handle} (watches them anew; those already stable or
     * gone count at once). A handle taken before every target was changed ends the operation as
     * failed: the request is not kept to finish the change.
     */
    public RunningOperation resume(OperationHandle handle, Console console) {
        OperationRun run = new OperationRun(
                client,
                console,
                handle.operation(),
                handle.targets(),
                handle.waitMode(),
                handle.deadline(),
                handle.warnings());
        if (handle.acting()) {
            run.end(new OperationRun.Ending(
                    OperationStatus.FAILED,
                    "Interrupted",
                    "The " + handle.operation() + " was interrupted before every target was changed; check "
                            + handle.targets().stream().map(Target::describe).toList() + " and run it again."));
        } else {
            console.line("Waiting for the " + handle.operation() + " again.");
            run.resumed(handle.generations()).startWaiting();
        }
        return run;
    }

    private Action prepare(OperationRequest request, Targets targets, List<String> warnings) {
        if (request instanceof DeleteRequest d) {
            return Deletion.prepare(d, targets, warnings);
        }
        if (request instanceof ScaleRequest s) {
            return Scaling.prepare(s, targets);
        }
        if (request instanceof UndoRolloutRequest u) {
            return RolloutUndo.prepare(u, targets, warnings);
        }
        return Patching.prepare((PatchRequest) request, targets);
    }

    private String namespace(String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested.strip();
        }
        String fromConnection = client.getNamespace();
        return fromConnection == null || fromConnection.isBlank() ? "default" : fromConnection;
    }
}
