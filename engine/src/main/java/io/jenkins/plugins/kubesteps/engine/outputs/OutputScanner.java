package io.jenkins.plugins.kubesteps.engine.outputs;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds outputs in log lines as they stream, with bounded memory: {@code
 * SPINNAKER_PROPERTY_<KEY>=<value>} and {@code SPINNAKER_CONFIG_JSON=<one-line JSON object>}.
 * Fed from a {@link io.jenkins.plugins.kubesteps.engine.logs.LineDecoder} listener. Not
 * thread-safe: one scanner per stream (e.g. per pod/container); merge with {@link #merge}.
 */
public final class OutputScanner {
    /** Marker lines longer than this are skipped with a warning. */
    public static final int MAX_MARKER_LINE_CHARS = 1024 * 1024;

    /**
     * @param where names the stream in warnings, e.g. {@code pod/container}
     * @param warnings receives one sentence per problem (malformed JSON line, line too long)
     */
    public OutputScanner(String where, Consumer<String> warnings) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Same contract as {@link io.jenkins.plugins.kubesteps.engine.logs.LineDecoder.Listener#line}. */
    public void line(String text, boolean continues) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Outputs so far, keys as printed, in first-seen order; later values of a key win. */
    public Map<String, Object> outputs() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Shallow merge: {@code later}'s keys win. */
    public static Map<String, Object> merge(Map<String, Object> earlier, Map<String, Object> later) {
        throw new UnsupportedOperationException("not built yet");
    }
}
