package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.List;
import java.util.Set;

/** Scale (Manifest): sets {@code spec.replicas} of a Deployment, ReplicaSet or StatefulSet. */
final class Scaling {
    private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet");

    private Scaling() {}

    static Action prepare(ScaleRequest request, Targets in) {
        if (request.replicas() < 0) {
            throw new InvalidInputException("replicas must be 0 or more, not " + request.replicas());
        }
        List<Target> targets = request.target().resolve(in);
        for (Target t : targets) {
            if (!"apps".equals(t.kind().group()) || !SCALABLE.contains(t.kind().kind())) {
                throw new InvalidInputException("Cannot scale " + t.describe() + ": scaleManifest works on"
                        + " Deployments, ReplicaSets and StatefulSets, not on a "
                        + t.kind().kind() + ".");
            }
        }
        return new Action(
                "scale",
                targets,
                OperationHandle.WaitMode.STABLE,
                (target, console) -> scale(request, in, target, console));
    }

    private static GenericKubernetesResource scale(ScaleRequest request, Targets in, Target target, Console console) {
        console.line("Scaling " + target.describe() + " to " + request.replicas() + " replicas");
        var op = in.client().genericKubernetesResources(target.kind().context());
        return op.inNamespace(target.namespace())
                .withName(target.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + request.replicas() + "}}");
    }
}
