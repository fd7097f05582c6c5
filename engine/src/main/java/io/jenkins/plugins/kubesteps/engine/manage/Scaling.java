package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.List;
import java.util.Set;

/** Scale (Manifest): sets {@code spec.replicas} of a Deployment, ReplicaSet or StatefulSet. */
final class Scaling implements Action {
    private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet");

    private final ScaleRequest request;
    private final Targets in;
    private final List<Target> targets;

    Scaling(ScaleRequest request, Targets in) {
        if (request.replicas() < 0) {
            throw new InvalidInputException("replicas must be 0 or more, not " + request.replicas());
        }
        this.request = request;
        this.in = in;
        this.targets = request.target().resolve(in);
        for (Target t : targets) {
            if (!"apps".equals(t.kind().group()) || !SCALABLE.contains(t.kind().kind())) {
                throw new InvalidInputException("Cannot scale " + t.describe() + ": scaleManifest works on"
                        + " Deployments, ReplicaSets and StatefulSets, not on a "
                        + t.kind().kind() + ".");
            }
        }
    }

    @Override
    public String operation() {
        return "scale";
    }

    @Override
    public List<Target> targets() {
        return targets;
    }

    @Override
    public OperationHandle.WaitMode waitMode() {
        return OperationHandle.WaitMode.STABLE;
    }

    @Override
    public void act(Target target, Console console) {
        console.line("Scaling " + target.describe() + " to " + request.replicas() + " replicas");
        var op = in.client().genericKubernetesResources(target.kind().context());
        op.inNamespace(target.namespace())
                .withName(target.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + request.replicas() + "}}");
    }
}
