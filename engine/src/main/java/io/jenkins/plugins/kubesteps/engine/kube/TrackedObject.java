package io.jenkins.plugins.kubesteps.engine.kube;

import java.io.Serializable;

/**
 * An object of a deploy as its handle keeps it: what the result reports, plus what waiting for it
 * and pruning its old versions need after a restart.
 *
 * @param baseName the unversioned name
 * @param maxVersionHistory versions to keep once stable; null keeps all
 */
public record TrackedObject(DeployedObject object, KindInfo kind, String baseName, Integer maxVersionHistory)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrackedObject with(DeployedObject changed) {
        return new TrackedObject(changed, kind, baseName, maxVersionHistory);
    }

    /** Identifies the object among those of its informer. */
    public String key() {
        return kind.apiVersion() + "/" + kind.kind() + "@" + object.namespace() + "/" + object.name();
    }
}
