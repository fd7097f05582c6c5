package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Undo Rollout (Manifest): copies the pod template of the ReplicaSet of the chosen revision (minus
 * its {@code pod-template-hash} label) into the Deployment, as {@code kubectl rollout undo} does; the
 * Deployment controller then rolls out that template as a new revision.
 */
final class RolloutUndo {
    static final String REVISION = "deployment.kubernetes.io/revision";

    private final Targets in;
    private final int current;
    private final int chosen;
    private final String patch;

    static Action prepare(UndoRolloutRequest request, Targets in, List<String> warnings) {
        List<Target> targets = request.target().resolve(in);
        if (targets.size() != 1) {
            throw new InvalidInputException("undoRolloutManifest works on one Deployment; "
                    + request.target().describe() + " is " + targets.size() + " objects");
        }
        RolloutUndo undo = new RolloutUndo(request, in, targets.get(0), warnings);
        return new Action("undoRollout", targets, OperationHandle.WaitMode.STABLE, undo::rollBack);
    }

    private RolloutUndo(UndoRolloutRequest request, Targets in, Target t, List<String> warnings) {
        this.in = in;
        if (!"apps".equals(t.kind().group()) || !"Deployment".equals(t.kind().kind())) {
            throw new InvalidInputException("Cannot undo a rollout of " + t.describe() + ": only a Deployment keeps"
                    + " revisions to go back to, and this is a " + t.kind().kind() + "."
                    + ("ReplicaSet".equals(t.kind().kind())
                            ? " For ReplicaSets deployed as versions, enable the older version instead."
                            : ""));
        }
        Map<String, Object> deployment = body(in.live(t.kind(), t.name()));
        Map<String, Object> spec = Manifest.find(deployment, "spec");
        if (spec != null && Boolean.TRUE.equals(spec.get("paused"))) {
            throw new InvalidInputException(t.describe() + " is paused: a paused Deployment cannot be rolled back."
                    + " Resume it first (kubectl rollout resume).");
        }
        SortedMap<Integer, GenericKubernetesResource> byRevision = replicaSets(t);
        current = revisionOf(
                Manifest.find(deployment, "metadata", "annotations"), byRevision.isEmpty() ? 0 : byRevision.lastKey());
        chosen = Revisions.choose(
                new java.util.TreeSet<>(byRevision.keySet()),
                current,
                request.revision(),
                request.revisionsBack(),
                t.describe());
        if (chosen == current) {
            warnings.add(t.describe() + " is at revision " + chosen + " already; nothing to roll back.");
            patch = null;
            return;
        }
        Map<String, Object> template = body(byRevision.get(chosen));
        template = Manifest.find(template, "spec", "template");
        Map<String, Object> labels = Manifest.find(template, "metadata", "labels");
        if (labels != null) {
            labels.remove("pod-template-hash");
        }
        String resourceVersion =
                String.valueOf(Manifest.find(deployment, "metadata").get("resourceVersion"));
        // the test makes the change fail instead of overwriting a Deployment changed since we read it
        patch = SafeYaml.serialization()
                .asJson(List.of(
                        Map.of("op", "test", "path", "/metadata/resourceVersion", "value", resourceVersion),
                        Map.of("op", "replace", "path", "/spec/template", "value", template)));
    }

    private SortedMap<Integer, GenericKubernetesResource> replicaSets(Target deployment) {
        KindInfo rs = new KindInfo("apps/v1", "ReplicaSet", "replicasets", true);
        SortedMap<Integer, GenericKubernetesResource> result = new TreeMap<>();
        for (GenericKubernetesResource r : in.list(rs, null)) {
            List<OwnerReference> owners = r.getMetadata().getOwnerReferences();
            boolean owned = owners != null
                    && owners.stream()
                            .anyMatch(
                                    o -> deployment.uid().equals(o.getUid()) && Boolean.TRUE.equals(o.getController()));
            int revision = revisionOf(r.getMetadata().getAnnotations(), -1);
            if (owned && revision > 0) {
                result.put(revision, r);
            }
        }
        return result;
    }

    private static int revisionOf(Map<String, ?> annotations, int fallback) {
        Object a = annotations == null ? null : annotations.get(REVISION);
        try {
            return a == null ? fallback : Integer.parseInt(String.valueOf(a).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(GenericKubernetesResource live) {
        Map<String, Object> m = SafeYaml.serialization().convertValue(live, Map.class);
        return m == null ? new LinkedHashMap<>() : m;
    }

    private GenericKubernetesResource rollBack(Target target, Console console) {
        if (patch == null) {
            return null;
        }
        console.line("Rolling " + target.describe() + " back from revision " + current + " to the template of revision "
                + chosen);
        return in.client()
                .genericKubernetesResources(target.kind().context())
                .inNamespace(target.namespace())
                .withName(target.name())
                .patch(PatchContext.of(PatchType.JSON), patch);
    }
}
