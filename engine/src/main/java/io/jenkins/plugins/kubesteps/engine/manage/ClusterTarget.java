package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.servergroup.ResolvedTarget;
import java.util.List;

/**
 * One server group of a moniker cluster, chosen by {@link Criteria} when the operation starts
 * ({@code oldest of replicaSet frontend}): chosen exactly as disable and enable choose it, and
 * printed, since the user did not name it.
 *
 * @param cluster {@code "replicaSet frontend"}, as in {@code moniker.spinnaker.io/cluster}
 * @param application only groups of this application; null: any
 */
public record ClusterTarget(String cluster, Criteria criteria, String application) implements TargetSpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String describe() {
        return criteria.label() + " of " + cluster;
    }

    @Override
    public List<Target> resolve(Targets targets) {
        ResolvedTarget chosen = new io.jenkins.plugins.kubesteps.engine.servergroup.Targets(targets.client())
                .resolve(io.jenkins.plugins.kubesteps.engine.servergroup.TargetSpec.dynamic(
                        targets.namespace(), cluster, criteria, application));
        targets.say(chosen.resolution());
        return List.of(targets.get(chosen.kind(), chosen.name()));
    }
}
