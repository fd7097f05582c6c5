package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import java.io.Serializable;

/**
 * A live object an operation acts on, as resolved when it started.
 *
 * @param namespace "" for cluster-scoped kinds
 * @param uid the object's uid when resolved: a new object of the same name is another object
 */
public record Target(KindInfo kind, String namespace, String name, String uid) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** "deployment/web in prod". */
    public String describe() {
        String what = kind.slashName(name);
        return namespace.isEmpty() ? what : what + " in " + namespace;
    }

    public TargetRef ref() {
        return new TargetRef(kind.kind(), namespace, name);
    }

    /** The form {@link io.jenkins.plugins.kubesteps.engine.kube.StabilityWatch} watches. */
    TrackedObject tracked() {
        DeployedObject o =
                new DeployedObject(kind.kind(), kind.apiVersion(), namespace, name, "", "", "", DeployedObject.APPLIED);
        return new TrackedObject(o, kind, name, null);
    }

    String key() {
        return tracked().key();
    }
}
