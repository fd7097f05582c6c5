package io.jenkins.plugins.kubesteps.engine.outputs;

import io.jenkins.plugins.kubesteps.engine.logs.TimestampPrefix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds outputs in log lines as they stream, with bounded memory: {@code
 * SPINNAKER_PROPERTY_<KEY>=<value>} and {@code SPINNAKER_CONFIG_JSON=<one-line JSON object>}.
 * Fed from a {@link io.jenkins.plugins.kubesteps.engine.logs.LineDecoder} listener. Not
 * thread-safe: one scanner per stream (e.g. per pod/container); merge with {@link #merge}.
 * {@link #outputs()} alone may be called from another thread.
 *
 * <p>A marker counts only at the start of a line, after optional blanks or a timestamp / CRI
 * prefix ({@link TimestampPrefix}). Keys are kept exactly as printed; a property's value is
 * everything after the first {@code =}, so base64 padding and empty values survive. A malformed
 * JSON line is reported (by line number, never by content: it may hold secrets) and skipped; the
 * other outputs stay. Outputs are held within the bounds of {@link BoundedOutputs}, whatever the
 * log holds.
 */
public final class OutputScanner {
    /** Marker lines longer than this are skipped with a warning. */
    public static final int MAX_MARKER_LINE_CHARS = 1024 * 1024;

    static final String MARKER = "SPINNAKER_";
    static final String PROPERTY = "SPINNAKER_PROPERTY_";
    static final String CONFIG_JSON = "SPINNAKER_CONFIG_JSON=";

    /**
     * A long line's first piece shorter than this may not reach past its prefix to a marker yet;
     * it is held until the line is this long, then the line is known to be a marker or not.
     */
    private static final int DECIDE_CHARS = 256;

    private enum State {
        LINE_START,
        /** Inside a long line that is (or may still turn out to be) a marker line. */
        BUFFERING,
        /** Inside a marker line that passed {@link #MAX_MARKER_LINE_CHARS}. */
        TOO_LONG,
        /** Inside a long line that is not a marker line. */
        SKIPPING
    }

    private final String where;
    private final Consumer<String> warnings;
    private final boolean plainKeyValues;
    private final BoundedOutputs outputs;

    private State state = State.LINE_START;
    private StringBuilder pieces;
    private long lineNumber;
    private int ignoredLines;
    private long firstIgnoredLine;

    /**
     * @param where names the stream in warnings, e.g. {@code pod/container}
     * @param warnings receives one sentence per problem (malformed JSON line, line too long, first
     *     output dropped at a bound)
     */
    public OutputScanner(String where, Consumer<String> warnings) {
        this(where, warnings, false);
    }

    /**
     * @param plainKeyValues also take {@code KEY=value} lines without a marker (termination
     *     messages); lines that are neither are counted in {@link #ignoredLines()}
     */
    OutputScanner(String where, Consumer<String> warnings, boolean plainKeyValues) {
        this.where = Objects.requireNonNull(where, "where");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.plainKeyValues = plainKeyValues;
        this.outputs = new BoundedOutputs(where, warnings);
    }

    /** Same contract as {@link io.jenkins.plugins.kubesteps.engine.logs.LineDecoder.Listener#line}. */
    public void line(String text, boolean continues) {
        if (state != State.LINE_START) {
            continueLine(text, continues);
            return;
        }
        lineNumber++;
        if (!continues) {
            completeLine(text);
        } else if (text.length() >= DECIDE_CHARS && markerAt(text) < 0) {
            state = State.SKIPPING;
        } else {
            state = State.BUFFERING;
            pieces = new StringBuilder();
            continueLine(text, true);
        }
    }

    /** Outputs so far, keys as printed, in first-seen order; later values of a key win. */
    public Map<String, Object> outputs() {
        return outputs.snapshot();
    }

    /** For when the stream is done: how many outputs were dropped at the bounds ({@link BoundedOutputs#summary()}). */
    public List<String> summary() {
        return outputs.summary();
    }

    /**
     * Shallow merge: {@code later}'s keys win. Bounded like the outputs of a scanner, but silently:
     * to hear of drops, merge with a {@link BoundedOutputs} of your own.
     */
    public static Map<String, Object> merge(Map<String, Object> earlier, Map<String, Object> later) {
        BoundedOutputs merged = new BoundedOutputs("merge", warning -> {});
        merged.putAll(earlier, 0);
        merged.putAll(later, 0);
        return new LinkedHashMap<>(merged.snapshot());
    }

    /** Non-blank lines that were neither a marker nor {@code KEY=value} (plain mode only). */
    int ignoredLines() {
        return ignoredLines;
    }

    /** Line number of the first of {@link #ignoredLines()}, 0 if none. */
    long firstIgnoredLine() {
        return firstIgnoredLine;
    }

    /**
     * Where a marker starts in this line, or -1. Looks at the first characters only, and most
     * log lines are rejected by their first character or, behind a timestamp, by the character
     * after the timestamp's space, before any timestamp is parsed.
     */
    static int markerAt(String text) {
        int length = text.length();
        if (length < MARKER.length()) {
            return -1;
        }
        char first = text.charAt(0);
        if (first == 'S') {
            return text.startsWith(MARKER) ? 0 : -1;
        }
        if (first >= '0' && first <= '9') {
            int space = text.indexOf(' ');
            if (space < 0 || space + 1 == length || !mayStartMarkerOrCri(text.charAt(space + 1))) {
                return -1;
            }
        } else if (first != ' ' && first != '\t') {
            return -1;
        }
        int at = TimestampPrefix.length(text);
        return text.startsWith(MARKER, at) ? at : -1;
    }

    /** A marker, blanks before one, or a CRI prefix's {@code stdout}/{@code stderr}. */
    private static boolean mayStartMarkerOrCri(char c) {
        return c == 'S' || c == 's' || c == ' ' || c == '\t';
    }

    private void continueLine(String text, boolean continues) {
        if (state == State.BUFFERING) {
            if (pieces.length() + text.length() > MAX_MARKER_LINE_CHARS) {
                state = State.TOO_LONG;
                pieces = null;
            } else {
                boolean undecided = pieces.length() < DECIDE_CHARS;
                pieces.append(text);
                if (continues && undecided && pieces.length() >= DECIDE_CHARS && markerAt(pieces.toString()) < 0) {
                    state = State.SKIPPING;
                    pieces = null;
                }
            }
        }
        if (continues) {
            return;
        }
        if (state == State.BUFFERING) {
            completeLine(pieces.toString());
        } else if (state == State.TOO_LONG) {
            warnTooLong();
        }
        state = State.LINE_START;
        pieces = null;
    }

    private void completeLine(String line) {
        int at = markerAt(line);
        if (at >= 0 && line.length() > MAX_MARKER_LINE_CHARS) {
            // Only a decoder with a larger line limit delivers such a line in one piece.
            warnTooLong();
        } else if (at >= 0 && line.startsWith(PROPERTY, at)) {
            property(line, at + PROPERTY.length());
        } else if (at >= 0 && line.startsWith(CONFIG_JSON, at)) {
            json(line.substring(at + CONFIG_JSON.length()));
        } else if (plainKeyValues) {
            plain(line);
        }
    }

    private void property(String line, int keyStart) {
        int equals = line.indexOf('=', keyStart);
        if (equals < 0) {
            warn(PROPERTY + " line has no '='; skipped");
        } else if (equals == keyStart) {
            warn(PROPERTY + " line has no key before '='; skipped");
        } else {
            outputs.put(line.substring(keyStart, equals), line.substring(equals + 1), lineNumber);
        }
    }

    private void json(String json) {
        JsonOutputs.Parsed parsed = JsonOutputs.parseObject(json);
        if (parsed.problem() != null) {
            warn("SPINNAKER_CONFIG_JSON value " + parsed.problem() + "; this line skipped, other outputs kept");
            return;
        }
        outputs.putAll(parsed.object(), lineNumber);
    }

    private void plain(String line) {
        int start = TimestampPrefix.length(line);
        if (start == line.length()) {
            return;
        }
        int equals = line.indexOf('=', start);
        if (equals > start && !containsBlank(line, start, equals)) {
            outputs.put(line.substring(start, equals), line.substring(equals + 1), lineNumber);
        } else if (ignoredLines++ == 0) {
            firstIgnoredLine = lineNumber;
        }
    }

    private void warnTooLong() {
        warn("an output marker line longer than " + MAX_MARKER_LINE_CHARS
                + " characters was skipped; other outputs kept");
    }

    private void warn(String problem) {
        warnings.accept(where + " line " + lineNumber + ": " + problem);
    }

    private static boolean containsBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
