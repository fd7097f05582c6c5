package io.jenkins.plugins.kubesteps.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Job's external log link: annotation {@code job.spinnaker.io/logs} (or {@code
 * jobs.spinnaker.io/logs}) with {@code {{ path }}} placeholders resolved against the live Job.
 *
 * <p>A placeholder is a field path, never an expression: dotted names ({@code metadata.name}),
 * optionally prefixed by {@code manifest.}; list indexes ({@code spec.template.spec.containers[0].image});
 * and keys containing dots or slashes in brackets with single or double quotes ({@code
 * metadata.labels['app.kubernetes.io/name']}). Whitespace just inside the braces is ignored.
 * Values are inserted as they are, without URL encoding, as Spinnaker does.
 */
public final class LogLink {
    public static final String ANNOTATION = "job.spinnaker.io/logs";
    public static final String ANNOTATION_ALT = "jobs.spinnaker.io/logs";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern STEP = Pattern.compile("\\G(?:(?<dot>^|\\.)(?<name>[A-Za-z0-9_$-]+)"
            + "|\\[(?:(?<index>[0-9]+)|'(?<sq>[^']*)'|\"(?<dq>[^\"]*)\")])");
    private static final int MAX_SHOWN = 200;

    private LogLink() {}

    /** Empty when there is no annotation, or (with a warning) when the result is not http(s). */
    public static Optional<String> resolve(Job liveJob, Consumer<String> warnings) {
        Map<String, String> annotations = liveJob == null || liveJob.getMetadata() == null
                ? null
                : liveJob.getMetadata().getAnnotations();
        if (annotations == null) {
            return Optional.empty();
        }
        String name = annotations.containsKey(ANNOTATION) ? ANNOTATION : ANNOTATION_ALT;
        String template = annotations.get(name);
        if (template == null || template.isBlank()) {
            return Optional.empty();
        }
        JsonNode tree = SafeYaml.serialization().convertValue(liveJob, JsonNode.class);
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            String value = valueOf(m.group(1).strip(), tree, name, m.group(), warnings);
            if (value == null) {
                return Optional.empty();
            }
            out.append(value);
            last = m.end();
        }
        out.append(template.substring(last));
        String url = out.toString().strip();
        if (!isHttpUrl(url)) {
            warnings.accept("Log link annotation " + name + " gives '" + shorten(url)
                    + "', which is not an absolute http:// or https:// URL; no log link shown");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    private static String valueOf(
            String expr, JsonNode tree, String annotation, String placeholder, Consumer<String> warnings) {
        List<Object> path = parsePath(expr);
        if (path == null) {
            warnings.accept("Log link annotation " + annotation + ": " + placeholder + " is not a field path such as"
                    + " {{ metadata.name }} or {{ metadata.labels['app.kubernetes.io/name'] }} (expressions are not"
                    + " evaluated); no log link shown");
            return null;
        }
        JsonNode node = tree;
        for (Object step : path) {
            node = step instanceof Integer i ? node.path(i.intValue()) : node.path((String) step);
        }
        if (node.isMissingNode() || node.isNull()) {
            warnings.accept("Log link annotation " + annotation + ": " + placeholder + " matches nothing in Job "
                    + tree.path("metadata").path("name").asText("?") + "; no log link shown");
            return null;
        }
        if (node.isContainerNode()) {
            warnings.accept("Log link annotation " + annotation + ": " + placeholder + " is "
                    + (node.isArray() ? "a list" : "a mapping") + ", not a single value; no log link shown");
            return null;
        }
        return node.asText();
    }

    /** The steps of a field path (names and list indexes), or null when it is not one. */
    static List<Object> parsePath(String expr) {
        if (expr.isEmpty()) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(expr);
        int pos = 0;
        while (pos < expr.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            if (m.group("name") != null) {
                if (m.group("dot").isEmpty() && pos != 0) {
                    return null;
                }
                steps.add(m.group("name"));
            } else if (m.group("index") != null) {
                steps.add(Integer.parseInt(m.group("index")));
            } else {
                steps.add(m.group("sq") != null ? m.group("sq") : m.group("dq"));
            }
            pos = m.end();
        }
        if (steps.size() > 1 && "manifest".equals(steps.get(0))) {
            steps.remove(0);
        }
        return steps;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.isOpaque();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String shorten(String s) {
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
    }
}
