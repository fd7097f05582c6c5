package io.jenkins.plugins.kubesteps.engine.job;

import java.io.Serializable;

/** Which Job: enough to find it again, and to tell it from a later Job of the same name. */
public record JobRef(String namespace, String name, String uid) implements Serializable {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
