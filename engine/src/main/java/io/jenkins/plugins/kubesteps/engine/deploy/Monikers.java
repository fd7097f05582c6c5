package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import io.jenkins.plugins.kubesteps.engine.kube.PodSpecs;
import java.util.Locale;
import java.util.Map;

/**
 * Spinnaker's metadata on every deployed object and its pod template: moniker (application,
 * cluster, sequence), the object as an artifact (type, name, location, version) and {@code
 * app.kubernetes.io/managed-by}. What the user set is never overwritten.
 */
public final class Monikers {
    private Monikers() {}

    /**
     * A DNS-1123 label (lower-case letters, digits, '-', at most 63) made from any text, e.g. a
     * Jenkins job's full name: {@code "Team A/Deploy Web"} → {@code "team-a-deploy-web"}.
     */
    public static String dnsSafe(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "app" : s;
    }

    /** The user's application annotation, else {@code fallback}. */
    static String application(Manifest m, String fallback) {
        String given = m.annotation(Annotations.APPLICATION);
        return given != null && !given.isBlank() ? given : fallback;
    }

    /** The user's cluster annotation, else Spinnaker's default {@code "<kind> <unversioned name>"}. */
    static String cluster(Manifest m, String baseName) {
        String given = m.annotation(Annotations.CLUSTER);
        return given != null && !given.isBlank() ? given : lowerFirst(m.kind()) + " " + baseName;
    }

    /**
     * Adds the metadata.
     *
     * @param application null or blank: no application annotation (the caller gave no default)
     * @param sequence the version's sequence, null for an unversioned object
     */
    static void add(
            Manifest m, String application, String cluster, String baseName, Integer sequence, String namespace) {
        Map<String, String> annotations = new java.util.LinkedHashMap<>();
        if (application != null && !application.isBlank()) {
            annotations.put(Annotations.APPLICATION, application);
        }
        annotations.put(Annotations.CLUSTER, cluster);
        if (sequence != null) {
            annotations.put(Annotations.SEQUENCE, String.valueOf(sequence));
        }
        annotations.put(Annotations.ARTIFACT_TYPE, "kubernetes/" + lowerFirst(m.kind()));
        annotations.put(Annotations.ARTIFACT_NAME, baseName);
        annotations.put(Annotations.ARTIFACT_LOCATION, namespace == null ? "" : namespace);
        annotations.put(Annotations.ARTIFACT_VERSION, sequence == null ? "" : Versions.version(sequence));
        putMissing(Manifest.map(m.metadata(), "annotations"), annotations);
        putMissing(Manifest.map(m.metadata(), "labels"), Map.of(KubeLabels.MANAGED_BY_LABEL, KubeLabels.MANAGED_BY));
        Map<String, Object> template = PodSpecs.template(m);
        if (template != null) {
            Map<String, Object> templateMeta = Manifest.map(template, "metadata");
            putMissing(Manifest.map(templateMeta, "annotations"), annotations);
            putMissing(
                    Manifest.map(templateMeta, "labels"), Map.of(KubeLabels.MANAGED_BY_LABEL, KubeLabels.MANAGED_BY));
        }
    }

    private static void putMissing(Map<String, Object> target, Map<String, String> values) {
        values.forEach(target::putIfAbsent);
    }

    private static String lowerFirst(String kind) {
        return kind.isEmpty() ? kind : Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
    }
}
