package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import java.io.Serializable;

/**
 * What a server-group operation acts on, as the user wrote it: one object by kind and name
 * ({@code replicaSet frontend-v003}), or one server group of a moniker cluster chosen by {@link
 * Criteria} when the operation starts ({@code second_newest} of {@code replicaSet frontend}).
 * {@link Targets#resolve} turns it into a {@link ResolvedTarget}.
 *
 * @param namespace null: the connection's default namespace
 * @param target {@code "kind name"} (Spinnaker's form) or {@code "kind/name"}; null for a dynamic target
 * @param cluster {@code "kind name"} of a moniker cluster ({@code moniker.spinnaker.io/cluster}); null
 *     for a static target
 * @param criteria which group of the cluster; required with {@code cluster}
 * @param application only groups of this {@code moniker.spinnaker.io/application}; null: any
 */
public record TargetSpec(String namespace, String target, String cluster, Criteria criteria, String application)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TargetSpec {
        namespace = blankToNull(namespace);
        target = blankToNull(target);
        cluster = blankToNull(cluster);
        application = blankToNull(application);
        if ((target == null) == (cluster == null)) {
            throw new InvalidInputException(
                    target == null
                            ? "Name a target: either a server group ('replicaSet frontend-v001') or a cluster"
                                    + " ('replicaSet frontend') with criteria (newest, second_newest, oldest, largest,"
                                    + " smallest)"
                            : "Give either a target ('" + target + "') or a cluster ('" + cluster + "'), not both");
        }
        if (cluster != null && criteria == null) {
            throw new InvalidInputException("Cluster '" + cluster + "' needs criteria to pick one of its server groups:"
                    + " newest, second_newest, oldest, largest or smallest");
        }
        if (target != null && (criteria != null || application != null)) {
            throw new InvalidInputException("Target '" + target + "' names one object; criteria and application only"
                    + " apply to a cluster target");
        }
        KindAndName.parse(target != null ? target : cluster, target != null ? "target" : "cluster");
    }

    /** {@code replicaSet frontend-v003} in {@code namespace}. */
    public static TargetSpec named(String namespace, String target) {
        return new TargetSpec(namespace, target, null, null, null);
    }

    /** {@code criteria} of cluster {@code replicaSet frontend}; {@code application} may be null. */
    public static TargetSpec dynamic(String namespace, String cluster, Criteria criteria, String application) {
        return new TargetSpec(namespace, null, cluster, criteria, application);
    }

    public boolean isDynamic() {
        return cluster != null;
    }

    /** {@code replicaSet frontend-v003} or {@code second_newest of replicaSet frontend}. */
    public String describe() {
        return isDynamic()
                ? criteria.label() + " of " + cluster
                        + (application == null ? "" : " (application " + application + ")")
                : target;
    }

    /** {@code kind name}, the form Spinnaker writes targets and clusters in. */
    public record KindAndName(String kind, String name) {
        /** Accepts {@code "replicaSet web"} and {@code "replicaSet/web"}. */
        public static KindAndName parse(String text, String what) {
            String[] parts = text.strip().split("\\s+|/", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new InvalidInputException(what + " '" + text + "' is not 'kind name'; write e.g. 'replicaSet"
                        + " frontend-v001' (a server group) or 'replicaSet frontend' (a cluster)");
            }
            return new KindAndName(parts[0], parts[1]);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
