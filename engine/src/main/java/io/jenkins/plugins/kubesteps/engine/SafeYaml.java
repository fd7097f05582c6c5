package io.jenkins.plugins.kubesteps.engine;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Safe YAML (and JSON) loading for text users hand us: manifests and kubeconfigs. Only plain maps,
 * lists and scalars are built (no custom tags, no Java types), aliases and size are bounded, and
 * duplicate keys are an error rather than a silent "last one wins". Errors carry {@code
 * source:line:column}, 1-based.
 */
public final class SafeYaml {
    static final int MAX_ALIASES = 50;
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
    static final int MAX_NESTING = 100;
    private static final String TOO_LARGE = "it is larger than " + (MAX_CODE_POINTS / (1024 * 1024)) + " MiB";
    /**
     * The one serialization of the engine and of every client {@code ClientFactory} builds: Jackson
     * builds what it needs for a kind once per JVM instead of once here and once more per client (in
     * a command line, the Job's model was built twice before its first request). fabric8's table of
     * every kind (a thousand classes) is only built when a type needs it (a watch event, a generic
     * list), never for the concrete kinds, maps and trees converted here.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private SafeYaml() {}

    /** One non-empty document of a stream: its 1-based position among all documents, data and tree. */
    public record Document(int number, Object value, Node node) {
        /** "a mapping", "a list", "a string" — for messages about what was found instead. */
        public String shape() {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            return "a scalar value";
        }
    }

    /** The fabric8 serialization used to turn loaded maps into model objects and back. */
    public static KubernetesSerialization serialization() {
        return SERIALIZATION;
    }

    /**
     * Parses every document in {@code text}, skipping empty ones (a trailing {@code ---}, a file of
     * comments).
     *
     * @param secret true when the text holds credentials: messages then never quote from it and no
     *     parser exception (whose message shows the offending line) is attached as cause
     */
    public static List<Document> loadAll(String text, String source, boolean secret) {
        if (text != null
                && text.length() > MAX_CODE_POINTS
                && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            // SnakeYAML would find this out too, but only after scanning megabytes
            throw new InvalidInputException(source + ": cannot be read as YAML: " + TOO_LARGE);
        }
        Yaml yaml = newYaml();
        PlainConstructor constructor = new PlainConstructor(options());
        List<Document> docs = new ArrayList<>();
        AliasBudget budget = new AliasBudget(source, text == null ? 0 : text.length());
        int number = 0;
        try {
            for (Node node : yaml.composeAll(new StringReader(text == null ? "" : text))) {
                number++;
                if (isEmpty(node)) {
                    continue;
                }
                // before anything is built: building is where expanded aliases cost memory
                budget.charge(node);
                docs.add(new Document(number, constructor.construct(node), node));
            }
        } catch (MarkedYAMLException e) {
            throw syntaxError(e, source, secret);
        } catch (YAMLException e) {
            throw new InvalidInputException(
                    source + ": cannot be read as YAML: " + limitsProblem(e, secret), secret ? null : e);
        }
        return docs;
    }

    /**
     * Converts a loaded document to a model type; a value of the wrong type (a string where a list
     * belongs) is an error naming the field path and its line.
     */
    public static <T> T convert(Document doc, Class<T> type, String source, boolean secret) {
        try {
            return SERIALIZATION.convertValue(doc.value(), type);
        } catch (IllegalArgumentException e) {
            JsonMappingException jme = e.getCause() instanceof JsonMappingException m ? m : null;
            List<Object> path = jme == null ? List.of() : pathOf(jme);
            String field = path.isEmpty() ? "(document)" : fieldPath(path);
            String expected = jme instanceof MismatchedInputException mie && mie.getTargetType() != null
                    ? " (expected " + describe(mie.getTargetType()) + ")"
                    : "";
            String found = secret ? "" : describeFound(doc.node(), path);
            throw new InvalidInputException(
                    locate(doc, path, source) + ": " + field + " has the wrong type" + expected + found
                            + ". Check the field against the Kubernetes API reference.",
                    secret ? null : e);
        }
    }

    /**
     * "source:line:column" of the deepest node along {@code path} that exists, so a message about a
     * missing field points at its parent.
     */
    public static String locate(Document doc, List<?> path, String source) {
        Mark mark = doc.node().getStartMark();
        Node current = doc.node();
        for (Object step : path) {
            Node next = child(current, step);
            if (next == null) {
                break;
            }
            current = next;
            mark = next.getStartMark();
        }
        return source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    /** "spec.template.spec.containers[0].name" from its steps (strings and list indexes). */
    public static String fieldPath(List<?> path) {
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(step);
            }
        }
        return sb.toString();
    }

    private static Node child(Node node, Object step) {
        if (node instanceof MappingNode map && step instanceof String key) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                    return t.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode seq && step instanceof Integer i) {
            return i >= 0 && i < seq.getValue().size() ? seq.getValue().get(i) : null;
        }
        return null;
    }

    private static List<Object> pathOf(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.add(r.getIndex());
            }
        }
        return path;
    }

    private static String describe(Class<?> type) {
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String describeFound(Node root, List<Object> path) {
        Node node = root;
        for (Object step : path) {
            node = node == null ? null : child(node, step);
        }
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            return ", found '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'";
        }
        if (node instanceof SequenceNode) {
            return ", found a list";
        }
        if (node instanceof MappingNode) {
            return ", found a mapping";
        }
        return "";
    }

    private static InvalidInputException syntaxError(MarkedYAMLException e, String source, boolean secret) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        String hint = problem.contains("tag")
                ? "YAML tags (!name, !!type) are not supported; remove the tag"
                : "fix the YAML there";
        return new InvalidInputException(
                where + ": not valid YAML: " + problem + context + "; " + hint + ".", secret ? null : e);
    }

    private static String limitsProblem(YAMLException e, boolean secret) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("code points") || msg.contains("exceeds the limit")) {
            return TOO_LARGE;
        }
        if (msg.contains("aliases")) {
            return "it uses more than " + MAX_ALIASES + " aliases (anchors referenced with *)";
        }
        return secret ? "the parser rejected it" : msg;
    }

    private static boolean isEmpty(Node node) {
        return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setCodePointLimit(MAX_CODE_POINTS);
        o.setAllowDuplicateKeys(false);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(MAX_NESTING);
        o.setTagInspector(tag -> false);
        return o;
    }

    private static Yaml newYaml() {
        LoaderOptions o = options();
        DumperOptions d = new DumperOptions();
        return new Yaml(new PlainConstructor(o), new Representer(d), d, o, new KubernetesResolver());
    }

    /** Exposes document construction from an already composed node, so marks stay available. */
    private static final class PlainConstructor extends SafeConstructor {
        PlainConstructor(LoaderOptions options) {
            super(options);
            // Yaml copies this flag into the constructor it is given; ours is used on its own
            setAllowDuplicateKeys(options.isAllowDuplicateKeys());
        }

        Object construct(Node node) {
            return constructDocument(node);
        }
    }

    /**
     * Resolves plain scalars closer to what {@code kubectl} users expect than YAML 1.1 does: only
     * true/false are booleans ({@code yes}, {@code on}, {@code no} stay strings), dates stay
     * strings, and {@code 10:30} is not a base-60 number. Octal {@code 0644} is kept, as manifests
     * use it for file modes.
     */
    private static final class KubernetesResolver extends Resolver {
        private static final Pattern BOOL12 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern INT12 =
                Pattern.compile("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$");
        private static final Pattern FLOAT12 = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
                + "|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
                + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL12, "tTfF", 10);
            addImplicitResolver(Tag.INT, INT12, "-+0123456789", 64);
            addImplicitResolver(Tag.FLOAT, FLOAT12, "-+0123456789.", 64);
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }
}
