package io.jenkins.plugins.kubesteps.engine.manage;

import java.io.Serializable;
import java.util.List;

/**
 * What an operation acts on, as the user named it. Resolved once, when the operation starts, into
 * live objects: {@link StaticTarget} ({@code deployment web}) and {@link SelectorTarget} (a kind and
 * a label selector) here; a dynamic target within a moniker cluster ({@code second_newest of
 * replicaSet frontend}) is another implementation resolving through the same {@link Targets}
 * ({@link Targets#kind}, {@link Targets#list}, {@link Targets#target}) and saying what it chose
 * with {@link Targets#say}.
 */
public interface TargetSpec extends Serializable {

    /** "deployment web", "deployments with app=web": how messages name it before it is resolved. */
    String describe();

    /**
     * The live objects meant, read from the cluster; none of them is changed.
     *
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException no such object (the message
     *     names what exists), or the kind is unknown
     * @throws io.jenkins.plugins.kubesteps.engine.ClusterException reading failed
     */
    List<Target> resolve(Targets targets);
}
