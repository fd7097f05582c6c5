package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.ArtifactBinder;
import io.jenkins.plugins.kubesteps.engine.kube.Stability;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest.PatchType;
import java.util.List;
import java.util.Set;

/** Patch (Manifest): one patch of the target, then a wait when the target is a workload. */
final class Patching {
    private final PatchRequest request;
    private final Targets in;
    private final String json;
    private final Set<String> bound;

    static Action prepare(PatchRequest request, Targets in) {
        PatchContent content = PatchContent.parse(request.patch(), request.source(), request.type());
        List<Target> targets = request.target().resolve(in);
        if (targets.size() != 1) {
            throw new InvalidInputException("patchManifest works on one object; "
                    + request.target().describe() + " is " + targets.size() + " objects");
        }
        Set<String> bound = Set.of();
        if (request.type() == PatchType.JSON) {
            if (!request.artifacts().isEmpty() || !request.requiredArtifacts().isEmpty()) {
                throw new InvalidInputException("Artifacts are bound into merge patches only, not into a JSON patch;"
                        + " write the image into the operation's value, or use type merge or strategic");
            }
        } else {
            bound = content.bindImages(targets.get(0).kind().kind(), request.artifacts());
            List<String> unbound = ArtifactBinder.unbound(request.requiredArtifacts(), bound);
            if (!unbound.isEmpty()) {
                throw new InvalidInputException("Required artifacts not bound to any image of the patch: "
                        + String.join(", ", unbound) + ". The patch must name a container whose image is the"
                        + " artifact's name (any tag).");
            }
        }
        Patching patching = new Patching(request, in, content.json(), bound);
        OperationHandle.WaitMode waitMode = Stability.needsWatch(targets.get(0).kind(), false)
                ? OperationHandle.WaitMode.STABLE
                : OperationHandle.WaitMode.NONE;
        return new Action("patch", targets, waitMode, patching::patch);
    }

    private Patching(PatchRequest request, Targets in, String json, Set<String> bound) {
        this.request = request;
        this.in = in;
        this.json = json;
        this.bound = bound;
    }

    private GenericKubernetesResource patch(Target target, Console console) {
        console.line("Patching " + target.describe() + " (" + typeName() + ")");
        for (String name : bound) {
            console.line("  image " + name + " bound to " + request.artifacts().get(name));
        }
        var op = in.client().genericKubernetesResources(target.kind().context());
        try {
            return (target.namespace().isEmpty() ? op : op.inNamespace(target.namespace()))
                    .withName(target.name())
                    .patch(PatchContext.of(fabric8Type()), json);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 415 && request.type() == PatchType.STRATEGIC) {
                throw new InvalidInputException("Cannot patch " + target.describe() + " with a strategic merge: the"
                        + " cluster supports it for built-in kinds only. Use type merge (JSON merge patch) instead.");
            }
            throw e;
        }
    }

    private String typeName() {
        return switch (request.type()) {
            case STRATEGIC -> "strategic merge";
            case MERGE -> "JSON merge";
            case JSON -> "JSON patch";
        };
    }

    private io.fabric8.kubernetes.client.dsl.base.PatchType fabric8Type() {
        return switch (request.type()) {
            case STRATEGIC -> io.fabric8.kubernetes.client.dsl.base.PatchType.STRATEGIC_MERGE;
            case MERGE -> io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE;
            case JSON -> io.fabric8.kubernetes.client.dsl.base.PatchType.JSON;
        };
    }
}
