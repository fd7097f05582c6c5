package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.SafeYaml.Document;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns manifest texts into objects: multi-document YAML, JSON, and {@code kind: List} (its items
 * become objects of their own), with the limits of {@link SafeYaml} (size, aliases, depth). Every
 * object needs apiVersion, kind and a name (or generateName); whether the cluster knows the kind is
 * checked later, against API discovery.
 */
final class Manifests {
    private Manifests() {}

    static List<Manifest> load(List<ManifestText> texts) {
        List<Manifest> all = new ArrayList<>();
        for (ManifestText text : texts) {
            all.addAll(load(text));
        }
        if (all.isEmpty()) {
            String sources =
                    String.join(", ", texts.stream().map(ManifestText::source).toList());
            throw new InvalidInputException((sources.isEmpty() ? "manifest" : sources)
                    + ": contains no Kubernetes object; give at least one (apiVersion, kind, metadata.name)");
        }
        return all;
    }

    static List<Manifest> load(ManifestText text) {
        List<Manifest> result = new ArrayList<>();
        for (Document doc : SafeYaml.loadAll(text.text(), text.source(), false)) {
            String where = SafeYaml.locate(doc, List.of(), text.source());
            Map<String, Object> body = object(doc.value(), where, "document " + doc.number() + " is " + doc.shape());
            if ("List".equals(body.get("kind")) || "v1/List".equals(body.get("kind"))) {
                List<?> items = body.get("items") instanceof List<?> l ? l : List.of();
                for (int i = 0; i < items.size(); i++) {
                    String itemWhere = SafeYaml.locate(doc, List.of("items", i), text.source());
                    result.add(
                            validated(object(items.get(i), itemWhere, "items[" + i + "] is not a mapping"), itemWhere));
                }
            } else {
                result.add(validated(body, where));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where, String problem) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new InvalidInputException(where + ": " + problem + ", not a Kubernetes object (a mapping with"
                + " apiVersion, kind and metadata)");
    }

    private static Manifest validated(Map<String, Object> body, String where) {
        Object kind = body.get("kind");
        Object apiVersion = body.get("apiVersion");
        if (!(kind instanceof String k) || k.isBlank()) {
            throw new InvalidInputException(where + ": kind is missing; every object needs one (kind: Deployment)");
        }
        if (!(apiVersion instanceof String v) || v.isBlank()) {
            throw new InvalidInputException(where + ": " + kind + " without apiVersion; write the API group and"
                    + " version it belongs to (apiVersion: apps/v1, v1, ...)");
        }
        if (!(body.get("metadata") instanceof Map<?, ?> meta)
                || (blank(meta.get("name")) && blank(meta.get("generateName")))) {
            throw new InvalidInputException(where + ": " + kind + " without metadata.name; give it a name"
                    + " (or metadata.generateName for a name the server completes)");
        }
        return new Manifest(body, where);
    }

    private static boolean blank(Object value) {
        return !(value instanceof String s) || s.isBlank();
    }
}
