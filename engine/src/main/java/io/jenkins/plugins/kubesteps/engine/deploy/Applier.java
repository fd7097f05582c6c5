package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Writes one planned object to the cluster with its strategy. */
public final class Applier {
    /** A failure to apply one object, with a reason word for the result. */
    static final class ApplyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;

        ApplyException(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }
    }

    private final KubernetesClient client;
    private final boolean forceConflicts;
    /** How a conflict with our own field manager reads (our own updates, not applies, own those fields). */
    private static final String OUR_MANAGER = "is managed by \"" + DeployRequest.FIELD_MANAGER + "\" using ";

    Applier(KubernetesClient client, boolean forceConflicts) {
        this.client = client;
        this.forceConflicts = forceConflicts;
    }

    /**
     * Applies {@code p} and returns the object as the server answered.
     *
     * @param deleteLimit how long a recreated object may take to disappear
     */
    GenericKubernetesResource apply(Planned p, Duration deleteLimit) {
        GenericKubernetesResource item =
                SafeYaml.serialization().convertValue(p.manifest().body(), GenericKubernetesResource.class);
        try {
            return switch (p.strategy()) {
                case APPLY -> serverSideApply(p, item);
                case CREATE -> operation(p).resource(item).create();
                case REPLACE -> replace(p, item);
                case RECREATE -> recreate(p, item, deleteLimit);
            };
        } catch (KubernetesClientException e) {
            throw translate(p, e);
        }
    }

    private GenericKubernetesResource serverSideApply(Planned p, GenericKubernetesResource item) {
        ServerSideApplicable<GenericKubernetesResource> apply =
                operation(p).resource(item).fieldManager(DeployRequest.FIELD_MANAGER);
        try {
            return (forceConflicts ? apply.forceConflicts() : apply).serverSideApply();
        } catch (KubernetesClientException e) {
            // fields only our own server-group steps changed (replicas of a scaled-down old version,
            // traffic labels) are ours to set again, e.g. when an earlier version is deployed again
            List<String> fields = e.getCode() == 409 && e.getStatus() != null ? conflicts(e) : List.of();
            if (forceConflicts || fields.isEmpty() || !fields.stream().allMatch(f -> f.contains(OUR_MANAGER))) {
                throw e;
            }
            return operation(p)
                    .resource(item)
                    .fieldManager(DeployRequest.FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
        }
    }

    private GenericKubernetesResource replace(Planned p, GenericKubernetesResource item) {
        Resource<GenericKubernetesResource> resource =
                operation(p).withName(item.getMetadata().getName());
        GenericKubernetesResource current = resource.get();
        if (current == null) {
            return operation(p).resource(item).create();
        }
        item.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        return operation(p).resource(item).update();
    }

    private GenericKubernetesResource recreate(Planned p, GenericKubernetesResource item, Duration deleteLimit) {
        Resource<GenericKubernetesResource> resource =
                operation(p).withName(item.getMetadata().getName());
        if (resource.get() != null) {
            resource.delete();
            try {
                resource.waitUntilCondition(Objects::isNull, deleteLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (KubernetesClientException e) {
                if (e.getCause() instanceof java.util.concurrent.TimeoutException || e.getCode() == 0) {
                    throw new ApplyException(
                            "TimedOut",
                            p.object().describe() + " was deleted to be recreated but was still there after "
                                    + deleteLimit.toSeconds() + " s (finalizers?); it was not created again",
                            e);
                }
                throw e;
            }
        }
        return serverSideApply(p, item);
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            operation(Planned p) {
        var op = client.genericKubernetesResources(p.kind().context());
        return p.kind().namespaced() ? op.inNamespace(p.object().namespace()) : op;
    }

    private ApplyException translate(Planned p, KubernetesClientException e) {
        String what = p.object().describe() + " (" + p.manifest().where() + ")";
        if (e.getCode() == 409 && e.getStatus() != null && conflicts(e).size() > 0) {
            return new ApplyException(
                    "Conflict",
                    "Could not apply " + what + ": " + String.join("; ", conflicts(e))
                            + ". Another field manager owns these fields. Remove them from the manifest, or"
                            + " apply with force (forceConflicts / --force-conflicts) to take them over.",
                    e);
        }
        if (e.getCode() == 500 && String.valueOf(e.getMessage()).contains("failed to create typed patch object")) {
            // server-side apply reports a manifest that does not fit the kind's schema as a 500
            String said = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage();
            return new ApplyException(
                    "Invalid",
                    "Could not apply " + what + ": the cluster refused the object: " + said
                            + ". Fix that field in the manifest (is it indented at the right level?).",
                    e);
        }
        ClusterException ce = ClusterErrors.translate(e, "apply " + what, String.valueOf(client.getMasterUrl()));
        return new ApplyException(reason(e.getCode()), ce.getMessage(), e);
    }

    /** "field .spec.replicas is managed by \"kubectl\" (apps/v1)" for each conflicting field. */
    private static List<String> conflicts(KubernetesClientException e) {
        List<String> fields = new ArrayList<>();
        if (e.getStatus().getDetails() == null || e.getStatus().getDetails().getCauses() == null) {
            return fields;
        }
        for (StatusCause c : e.getStatus().getDetails().getCauses()) {
            if ("FieldManagerConflict".equals(c.getReason())) {
                // the server's message reads: conflict with "kubectl" using apps/v1
                String manager = c.getMessage() == null ? "?" : c.getMessage().replaceFirst("^conflict with ", "");
                fields.add("field " + c.getField() + " is managed by " + manager);
            }
        }
        return fields;
    }

    static String reason(int code) {
        return ClusterErrors.reason(code);
    }
}
