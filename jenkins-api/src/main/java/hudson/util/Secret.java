package hudson.util;

import io.jenkins.plugins.kubesteps.jenkinsapi.ApiState;
import java.io.Serializable;

/**
 * A secret string. Real minimal behaviour: keeps the plain text (no encryption; this module never
 * runs in Jenkins), in {@link ApiState} because the real field is private. {@link #toString()}
 * returns the plain text as the real, deprecated, method does, so plugin code must not print a
 * Secret.
 */
public final class Secret implements Serializable {
    @Override
    @Deprecated
    public String toString() {
        return getPlainText();
    }

    public String getPlainText() {
        return ApiState.get(this);
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret other && getPlainText().equals(other.getPlainText());
    }

    @Override
    public int hashCode() {
        return getPlainText().hashCode();
    }

    /** Null becomes the empty secret, as in Jenkins. */
    public static Secret fromString(String data) {
        Secret secret = new Secret();
        ApiState.put(secret, data == null ? "" : data);
        return secret;
    }

    public static String toString(Secret s) {
        return s == null ? "" : s.getPlainText();
    }
}
