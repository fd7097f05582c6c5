package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.ArtifactBinder;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest.PatchType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A patch as the user wrote it (YAML or JSON, loaded with {@link SafeYaml}'s limits), checked for
 * its type before anything is sent: a mapping for the merge types, a list of RFC 6902 operations
 * for a JSON patch. Errors name {@code source:line:column} and the field.
 */
final class PatchContent {
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private final Object value;
    private final String source;

    private PatchContent(Object value, String source) {
        this.value = value;
        this.source = source;
    }

    static PatchContent parse(String text, String source, PatchType type) {
        // a patch may carry a Secret's data: no parser exception (it quotes the line) rides along
        List<SafeYaml.Document> docs = SafeYaml.loadAll(text, source, true);
        if (docs.isEmpty()) {
            throw new InvalidInputException(source + ": the patch is empty; write "
                    + (type == PatchType.JSON
                            ? "a list of operations, e.g. [{op: replace, path: /spec/replicas, value: 2}]"
                            : "the fields to change, e.g. {spec: {replicas: 2}}"));
        }
        if (docs.size() > 1) {
            throw new InvalidInputException(source + ": holds " + docs.size() + " YAML documents; a patch is one");
        }
        SafeYaml.Document doc = docs.get(0);
        if (type == PatchType.JSON) {
            checkOperations(doc, source);
        } else if (!(doc.value() instanceof Map)) {
            throw new InvalidInputException(SafeYaml.locate(doc, List.of(), source) + ": a "
                    + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " patch is a mapping of the fields to change, not " + doc.shape()
                    + (doc.value() instanceof List ? " (a list of operations is a JSON patch: use type json)" : ""));
        }
        return new PatchContent(doc.value(), source);
    }

    private static void checkOperations(SafeYaml.Document doc, String source) {
        if (!(doc.value() instanceof List<?> ops)) {
            throw new InvalidInputException(SafeYaml.locate(doc, List.of(), source) + ": a JSON patch is a list of"
                    + " operations ({op, path, value}), not " + doc.shape()
                    + (doc.value() instanceof Map
                            ? " (a mapping of fields is a merge patch: use type merge or strategic)"
                            : ""));
        }
        if (ops.isEmpty()) {
            throw new InvalidInputException(source + ": the JSON patch has no operation");
        }
        for (int i = 0; i < ops.size(); i++) {
            String where = SafeYaml.locate(doc, List.of(i), source) + ": operation " + (i + 1);
            if (!(ops.get(i) instanceof Map<?, ?> op)) {
                throw new InvalidInputException(
                        where + " is not a mapping; write {op: replace, path: /spec/replicas, value: 2}");
            }
            Object name = op.get("op");
            if (!(name instanceof String s) || !OPS.contains(s)) {
                throw new InvalidInputException(SafeYaml.locate(doc, List.of(i, "op"), source) + ": operation "
                        + (i + 1)
                        + ": op is " + (name == null ? "missing" : "'" + name + "'") + "; write one of add, remove,"
                        + " replace, move, copy, test");
            }
            requirePointer(doc, source, i, op, "path");
            if (Set.of("move", "copy").contains(name)) {
                requirePointer(doc, source, i, op, "from");
            }
            if (Set.of("add", "replace", "test").contains(name) && !op.containsKey("value")) {
                throw new InvalidInputException(where + " (" + name + " " + op.get("path") + ") has no value");
            }
        }
    }

    private static void requirePointer(SafeYaml.Document doc, String source, int i, Map<?, ?> op, String field) {
        Object path = op.get(field);
        if (!(path instanceof String p) || (!p.isEmpty() && !p.startsWith("/"))) {
            throw new InvalidInputException(SafeYaml.locate(doc, List.of(i, field), source) + ": operation " + (i + 1)
                    + ": " + field + " is " + (path == null ? "missing" : "'" + path + "'")
                    + "; write a JSON pointer such as /spec/template/spec/containers/0/image");
        }
    }

    /**
     * Binds artifacts into the images of the patch's pod spec, where a manifest of {@code kind} has
     * it (merge types only).
     *
     * @return the names of the artifacts bound
     */
    @SuppressWarnings("unchecked")
    Set<String> bindImages(String kind, Map<String, String> artifacts) {
        if (!(value instanceof Map<?, ?> map)) {
            return Set.of();
        }
        // a shallow copy that tells the binder the kind: the nested maps it changes are the patch's own
        Map<String, Object> withKind = new LinkedHashMap<>((Map<String, Object>) map);
        withKind.put("kind", kind);
        return ArtifactBinder.bindImages(new Manifest(withKind, source), artifacts);
    }

    String json() {
        return SafeYaml.serialization().asJson(value);
    }
}
