package io.jenkins.plugins.kubesteps.engine.kube;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object of a deploy as the caller sees it. Plain strings only, so Jenkins can return it as a
 * Map ({@link #toMap()}) and keep it in a serialized program.
 *
 * @param namespace "" for cluster-scoped kinds
 * @param name the name applied (versioned: {@code web-v002}); for a generateName, the name the
 *     server gave, once known
 * @param version {@code v002}, or "" when unversioned
 * @param status {@link #NOT_APPLIED}, {@link #APPLIED}, {@link #STABLE}, {@link #FAILED} or {@link
 *     #UNSTABLE} (not stable when the wait ended)
 */
public record DeployedObject(
        String kind,
        String apiVersion,
        String namespace,
        String name,
        String version,
        String application,
        String cluster,
        String status)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String NOT_APPLIED = "NOT_APPLIED";
    public static final String APPLIED = "APPLIED";
    public static final String STABLE = "STABLE";
    public static final String FAILED = "FAILED";
    public static final String UNSTABLE = "UNSTABLE";

    public DeployedObject withStatus(String newStatus) {
        return new DeployedObject(kind, apiVersion, namespace, name, version, application, cluster, newStatus);
    }

    public DeployedObject withName(String newName) {
        return new DeployedObject(kind, apiVersion, namespace, newName, version, application, cluster, status);
    }

    /** "deployment/web" or "deployment/web in namespace prod". */
    public String describe() {
        String what = kind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
        return namespace.isEmpty() ? what : what + " in " + namespace;
    }

    /** kind, apiVersion, namespace, name, version, application, cluster, status. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("apiVersion", apiVersion);
        m.put("namespace", namespace);
        m.put("name", name);
        m.put("version", version);
        m.put("application", application);
        m.put("cluster", cluster);
        m.put("status", status);
        return m;
    }
}
