package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.manage.ClusterTarget;
import io.jenkins.plugins.kubesteps.engine.manage.StaticTarget;
import io.jenkins.plugins.kubesteps.engine.servergroup.TargetSpec;
import picocli.CommandLine.Option;

/**
 * What a command acts on (a picocli mixin): one object ({@code --target 'replicaSet frontend-v001'})
 * or one server group of a moniker cluster ({@code --cluster 'replicaSet frontend' --criteria
 * second_newest}), for the server-group commands and the lifecycle operations alike.
 */
final class TargetOptions {
    @Option(
            names = "--target",
            paramLabel = "'KIND NAME'",
            description = "The object, as Spinnaker writes it: 'deployment web', 'replicaSet frontend-v003'"
                    + " (or replicaSet/frontend-v003).")
    String target;

    @Option(
            names = "--cluster",
            paramLabel = "'KIND NAME'",
            description = "A moniker cluster, e.g. 'replicaSet frontend'; --criteria picks one of its server groups.")
    String cluster;

    @Option(names = "--criteria", description = "With --cluster: newest, second_newest, oldest, largest or smallest.")
    String criteria;

    @Option(names = "--application", description = "With --cluster: only server groups of this application.")
    String application;

    boolean given() {
        return target != null || cluster != null;
    }

    /** Exactly one of --target and --cluster (with --criteria). */
    void require() {
        if (target != null && cluster != null) {
            throw new InvalidInputException("Give --target or --cluster, not both");
        }
        if (!given()) {
            throw new InvalidInputException("A target is required: name the object, e.g. --target 'deployment web',"
                    + " or a server group, e.g. --cluster 'replicaSet frontend' --criteria second_newest");
        }
        if (cluster != null && criteria == null) {
            throw new InvalidInputException(
                    "--cluster needs --criteria: newest, second_newest, oldest, largest or" + " smallest");
        }
    }

    /** For disable and enable. */
    TargetSpec serverGroup(String namespace) {
        return new TargetSpec(
                namespace, target, cluster, criteria == null ? null : Criteria.parse(criteria), application);
    }

    /** For delete, scale, undo-rollout and patch. */
    io.jenkins.plugins.kubesteps.engine.manage.TargetSpec operationTarget() {
        require();
        return target != null
                ? StaticTarget.parse(target, "--target")
                : new ClusterTarget(cluster, Criteria.parse(criteria), application);
    }
}
