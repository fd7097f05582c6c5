package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.List;
import java.util.Locale;

/** Delete (Manifest): deletes each target with the cascade and grace period asked for. */
final class Deletion {
    private Deletion() {}

    static Action prepare(DeleteRequest request, Targets in, List<String> warnings) {
        if (request.gracePeriodSeconds() != null && request.gracePeriodSeconds() < 0) {
            throw new InvalidInputException(
                    "The grace period must be 0 or more seconds, not " + request.gracePeriodSeconds());
        }
        List<Target> targets = request.target().resolve(in);
        if (targets.isEmpty()) {
            warnings.add(
                    "Nothing to delete: no " + request.target().describe() + " in namespace " + in.namespace() + ".");
        }
        return new Action(
                "delete",
                targets,
                OperationHandle.WaitMode.GONE,
                (target, console) -> delete(request, in, target, console));
    }

    private static GenericKubernetesResource delete(DeleteRequest request, Targets in, Target target, Console console) {
        console.line("Deleting " + target.describe() + " (cascade "
                + request.cascade().name().toLowerCase(Locale.ROOT)
                + (request.gracePeriodSeconds() == null ? "" : ", grace period " + request.gracePeriodSeconds() + " s")
                + ")");
        var op = in.client().genericKubernetesResources(target.kind().context());
        var resource = (target.namespace().isEmpty() ? op : op.inNamespace(target.namespace())).withName(target.name());
        var deletable = resource.withPropagationPolicy(propagation(request.cascade()));
        if (request.gracePeriodSeconds() != null) {
            deletable.withGracePeriod(request.gracePeriodSeconds()).delete();
        } else {
            deletable.delete();
        }
        return null;
    }

    private static DeletionPropagation propagation(DeleteRequest.Cascade cascade) {
        return switch (cascade) {
            case BACKGROUND -> DeletionPropagation.BACKGROUND;
            case FOREGROUND -> DeletionPropagation.FOREGROUND;
            case ORPHAN -> DeletionPropagation.ORPHAN;
        };
    }
}
