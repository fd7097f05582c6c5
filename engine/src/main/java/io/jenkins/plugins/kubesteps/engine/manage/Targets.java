package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.List;

/**
 * What a {@link TargetSpec} resolves against: the cluster (read only), the namespace of the
 * operation and the kinds API discovery knows. Every read error becomes a message a person can act
 * on; a missing object names the objects of that kind that do exist.
 */
public final class Targets {
    private static final int NAMES_SHOWN = 10;

    private final KubernetesClient client;
    private final String namespace;
    private final KindNames kinds;
    private final Console console;

    public Targets(KubernetesClient client, String namespace, Console console) {
        this.client = client;
        this.namespace = namespace;
        this.kinds = new KindNames(client);
        this.console = console;
    }

    /**
     * Prints how a target was resolved, for targets the user did not name exactly ("second_newest
     * of replicaSet frontend → frontend-v002").
     */
    public void say(String line) {
        console.line(line);
    }

    public KubernetesClient client() {
        return client;
    }

    /** The namespace the operation works in (ignored for cluster-scoped kinds). */
    public String namespace() {
        return namespace;
    }

    /** The kind a user wrote ("replicaSet", "deploy", "deployment.apps"), through API discovery. */
    public KindInfo kind(String word) {
        return kinds.find(word);
    }

    /** The object as a target, or an error naming the objects of that kind that exist. */
    public Target get(KindInfo kind, String name) {
        return target(kind, live(kind, name));
    }

    /** The live object, or an error naming the objects of that kind that exist. */
    public GenericKubernetesResource live(KindInfo kind, String name) {
        GenericKubernetesResource live;
        try {
            live = ops(kind).withName(name).get();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(
                    e, "read " + kind.slashName(name) + where(kind), String.valueOf(client.getMasterUrl()));
        }
        if (live == null) {
            List<String> names = list(kind, null).stream()
                    .map(r -> r.getMetadata().getName())
                    .sorted()
                    .toList();
            String existing = names.isEmpty()
                    ? "there is no " + kind.kind() + " at all"
                    : "existing: " + String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                            + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "");
            throw new InvalidInputException(kind.kind() + " " + name + " not found" + where(kind) + " (" + existing
                    + "). Check the name and the namespace.");
        }
        return live;
    }

    /** Every live object of {@code kind} matching {@code labelSelector}, in name order. */
    public List<Target> select(KindInfo kind, String labelSelector) {
        return list(kind, labelSelector).stream()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                .map(r -> target(kind, r))
                .sorted(java.util.Comparator.comparing(Target::name))
                .toList();
    }

    /** Every live object of {@code kind} in the namespace, as the cluster lists them. */
    public List<GenericKubernetesResource> list(KindInfo kind, String labelSelector) {
        try {
            var op = ops(kind);
            return (labelSelector == null ? op : op.withLabelSelector(labelSelector))
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 400 && labelSelector != null) {
                throw new InvalidInputException("The label selector '" + labelSelector + "' is not valid: "
                        + (e.getStatus() == null
                                ? e.getMessage()
                                : e.getStatus().getMessage())
                        + ". Write e.g. 'app=web', 'app in (web,api)', 'tier!=cache'.");
            }
            throw ClusterErrors.translate(
                    e, "list " + kind.plural() + where(kind), String.valueOf(client.getMasterUrl()));
        }
    }

    /** A live object of {@code kind} as a target. */
    public Target target(KindInfo kind, GenericKubernetesResource live) {
        return new Target(
                kind,
                kind.namespaced() ? namespace : "",
                live.getMetadata().getName(),
                live.getMetadata().getUid());
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            ops(KindInfo kind) {
        var op = client.genericKubernetesResources(kind.context());
        return kind.namespaced() ? op.inNamespace(namespace) : op;
    }

    private String where(KindInfo kind) {
        return kind.namespaced() ? " in namespace " + namespace : "";
    }
}
