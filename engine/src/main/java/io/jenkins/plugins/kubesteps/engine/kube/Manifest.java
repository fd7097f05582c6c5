package io.jenkins.plugins.kubesteps.engine.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object as the user wrote it, as a tree of plain maps and lists (so any kind,
 * custom resources included, survives unchanged), with where it was written for messages. The tree
 * is changed in place while a deploy is prepared; each instance belongs to one deploy.
 */
public final class Manifest {
    private final Map<String, Object> body;
    private final String where;

    public Manifest(Map<String, Object> body, String where) {
        this.body = body;
        this.where = where;
    }

    public Map<String, Object> body() {
        return body;
    }

    /** "file.yaml:12" (line of the document or list item), for messages. */
    public String where() {
        return where;
    }

    public String apiVersion() {
        return (String) body.get("apiVersion");
    }

    public String kind() {
        return (String) body.get("kind");
    }

    /** The API group: "" for the core group ("v1"), else the part before the slash. */
    public String group() {
        String v = apiVersion();
        int slash = v.indexOf('/');
        return slash < 0 ? "" : v.substring(0, slash);
    }

    public Map<String, Object> metadata() {
        return map(body, "metadata");
    }

    public String name() {
        return str(metadata().get("name"));
    }

    public String generateName() {
        return str(metadata().get("generateName"));
    }

    public String namespace() {
        return str(metadata().get("namespace"));
    }

    /** "Deployment web" or "Deployment web-*" for a generated name. */
    public String describe() {
        return kind() + " " + (name() != null ? name() : generateName() + "*");
    }

    Map<String, Object> annotations() {
        return map(metadata(), "annotations");
    }

    public String annotation(String key) {
        Object meta = body.get("metadata");
        if (meta instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a) {
            return str(a.get(key));
        }
        return null;
    }

    /** The child mapping at {@code key}, created (and put) when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    /** The mapping at {@code path}, or null when any step is missing or not a mapping. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> find(Object root, String... path) {
        Object current = root;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(step);
        }
        return current instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** The mappings of the list at {@code key} (items that are not mappings are skipped). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (parent != null && parent.get(key) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    result.add((Map<String, Object>) m);
                }
            }
        }
        return result;
    }

    public static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public String toString() {
        return describe() + " (" + where + ")";
    }
}
