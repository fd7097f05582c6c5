package io.jenkins.plugins.kubesteps.engine.outputs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outputs a Job leaves behind rather than prints: a container's termination message ({@code
 * /dev/termination-log}) and a ConfigMap key. Bad content gives a warning naming the source,
 * never an exception, and never quotes the content (it may hold secrets). The outputs of each
 * source are held within the bounds of {@link BoundedOutputs}.
 */
public final class OutputText {

    /**
     * @param outputs keys as written, in first-seen order (later values of a key win)
     * @param warnings one sentence per problem, each naming the source
     */
    public record Parsed(Map<String, Object> outputs, List<String> warnings) {
        public Parsed {
            // Not Map.copyOf: JSON null is a legitimate value.
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            warnings = List.copyOf(warnings);
        }
    }

    private OutputText() {}

    /**
     * A termination message: a JSON object (when it starts with <code>{</code>), or lines of
     * {@code KEY=value} and/or {@code SPINNAKER_PROPERTY_}/{@code SPINNAKER_CONFIG_JSON} marker
     * lines. Blank messages give nothing. Lines that are none of these are skipped with one
     * warning, since a failing container may leave an error text there.
     *
     * @param where names the source in warnings, e.g. {@code termination message of pod/container}
     */
    public static Parsed fromTerminationMessage(String where, String message) {
        if (message == null || message.isBlank()) {
            return new Parsed(Map.of(), List.of());
        }
        if (message.strip().startsWith("{")) {
            return fromJson(where, message);
        }
        List<String> warnings = new ArrayList<>();
        OutputScanner scanner = new OutputScanner(where, warnings::add, true);
        for (String line : message.split("\n", -1)) {
            scanner.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, false);
        }
        if (scanner.ignoredLines() > 0) {
            warnings.add(where + ": " + scanner.ignoredLines() + " line(s) are not KEY=value and were skipped"
                    + " (first: line " + scanner.firstIgnoredLine() + ")");
        }
        warnings.addAll(scanner.summary());
        return new Parsed(scanner.outputs(), warnings);
    }

    /**
     * A ConfigMap value holding a JSON object of outputs.
     *
     * @param where names the source in warnings, e.g. {@code ConfigMap job-results key outputs.json}
     */
    public static Parsed fromConfigMap(String where, String value) {
        if (value == null || value.isBlank()) {
            return new Parsed(Map.of(), List.of(where + " is empty; no outputs taken from it"));
        }
        return fromJson(where, value);
    }

    private static Parsed fromJson(String where, String json) {
        JsonOutputs.Parsed parsed = JsonOutputs.parseObject(json);
        if (parsed.problem() != null) {
            return new Parsed(Map.of(), List.of(where + " " + parsed.problem() + "; no outputs taken from it"));
        }
        List<String> warnings = new ArrayList<>();
        BoundedOutputs outputs = new BoundedOutputs(where, warnings::add);
        outputs.putAll(parsed.object(), 0);
        warnings.addAll(outputs.summary());
        return new Parsed(outputs.snapshot(), warnings);
    }
}
