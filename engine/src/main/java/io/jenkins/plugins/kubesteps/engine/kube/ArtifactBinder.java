package io.jenkins.plugins.kubesteps.engine.kube;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds artifacts into pod specs: a container image whose name (without tag or digest) equals an
 * artifact's name becomes the artifact's reference; references to ConfigMaps and Secrets of the
 * same deploy become their versioned names.
 */
public final class ArtifactBinder {
    private ArtifactBinder() {}

    /**
     * Replaces matching images in {@code m}'s pod spec.
     *
     * @param artifacts artifact name ({@code registry:5000/team/app}) → reference ({@code
     *     registry:5000/team/app:1.4.2}, {@code ...@sha256:...})
     * @return the names of the artifacts bound
     */
    public static Set<String> bindImages(Manifest m, Map<String, String> artifacts) {
        Set<String> bound = new LinkedHashSet<>();
        Map<String, Object> podSpec = PodSpecs.podSpec(m);
        if (podSpec == null || artifacts.isEmpty()) {
            return bound;
        }
        for (Map<String, Object> container : PodSpecs.containers(podSpec)) {
            if (container.get("image") instanceof String image) {
                String reference = artifacts.get(imageName(image));
                if (reference != null) {
                    container.put("image", reference);
                    bound.add(imageName(image));
                }
            }
        }
        return bound;
    }

    /**
     * The image without {@code @digest} and {@code :tag}. A colon before the last slash belongs to
     * a registry port ({@code registry:5000/app}), not to a tag.
     */
    public static String imageName(String image) {
        String name = image.strip();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }

    /** The tag or digest of a reference ("1.4.2", "sha256:..."), or "" when it has neither. */
    public static String imageVersion(String reference) {
        int at = reference.indexOf('@');
        if (at >= 0) {
            return reference.substring(at + 1);
        }
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "";
    }

    /**
     * Points the pod spec's references to ConfigMaps and Secrets (volumes, projected sources,
     * envFrom, env valueFrom) at the versioned names deployed with it.
     *
     * @param configMaps unversioned → versioned name, of this deploy and {@code m}'s namespace
     * @param secrets likewise for Secrets
     */
    public static void rewriteReferences(Manifest m, Map<String, String> configMaps, Map<String, String> secrets) {
        Map<String, Object> podSpec = PodSpecs.podSpec(m);
        if (podSpec == null || (configMaps.isEmpty() && secrets.isEmpty())) {
            return;
        }
        for (Map<String, Object> volume : Manifest.maps(podSpec, "volumes")) {
            rename(Manifest.find(volume, "configMap"), "name", configMaps);
            rename(Manifest.find(volume, "secret"), "secretName", secrets);
            for (Map<String, Object> source : Manifest.maps(Manifest.find(volume, "projected"), "sources")) {
                rename(Manifest.find(source, "configMap"), "name", configMaps);
                rename(Manifest.find(source, "secret"), "name", secrets);
            }
        }
        for (Map<String, Object> container : PodSpecs.containers(podSpec)) {
            for (Map<String, Object> from : Manifest.maps(container, "envFrom")) {
                rename(Manifest.find(from, "configMapRef"), "name", configMaps);
                rename(Manifest.find(from, "secretRef"), "name", secrets);
            }
            for (Map<String, Object> env : Manifest.maps(container, "env")) {
                rename(Manifest.find(env, "valueFrom", "configMapKeyRef"), "name", configMaps);
                rename(Manifest.find(env, "valueFrom", "secretKeyRef"), "name", secrets);
            }
        }
    }

    private static void rename(Map<String, Object> ref, String field, Map<String, String> names) {
        if (ref != null && ref.get(field) instanceof String name && names.containsKey(name)) {
            ref.put(field, names.get(name));
        }
    }

    /** Required artifacts that no image was bound to, in the order given. */
    public static List<String> unbound(List<String> required, Set<String> bound) {
        return required.stream().filter(r -> !bound.contains(r)).toList();
    }
}
