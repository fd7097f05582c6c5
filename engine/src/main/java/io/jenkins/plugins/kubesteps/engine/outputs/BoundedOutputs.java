package io.jenkins.plugins.kubesteps.engine.outputs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The bounds on the outputs a Job hands the controller, and the accumulator that keeps to them.
 * Outputs come from whatever the container image printed, and they end up in the step's return
 * value, in memory, in Jenkins' {@code program.dat} and {@code build.xml}, and in the environment
 * of every later {@code sh} step. Linux refuses a single environment string over 128 KiB
 * (MAX_ARG_STRLEN) and the whole environment plus arguments has to fit in ARG_MAX (often 2 MiB),
 * so outputs without a bound could fill the controller or break every later step.
 *
 * <p>Later values of a key win, and keys keep their first-seen order, as in a plain map. What would
 * break a bound is dropped and the outputs already taken stay: a key that is too long, a value
 * that is too large (an existing key then keeps its earlier value), a new key beyond {@link
 * #MAX_KEYS}, or an addition that would make all outputs together larger than {@link
 * #MAX_TOTAL_BYTES}. The first drop of each kind is a warning that names the key (cut short, with
 * control characters replaced) but never quotes a value, which may be a secret; later drops are
 * only counted, and {@link #summary()} reports the counts. The Job's log itself is not bounded
 * here: the console still shows every line.
 *
 * <p>Thread-safe: a scanner fills it on one thread while another takes snapshots.
 */
public final class BoundedOutputs {
    /** At most this many keys. */
    public static final int MAX_KEYS = 1_000;

    /** At most this many characters (UTF-16 units, as {@link String#length()}) in a key. */
    public static final int MAX_KEY_CHARS = 256;

    /**
     * At most this many bytes in one value: a string's UTF-8 bytes, any other JSON value's compact
     * JSON serialization. Half of Linux's 128 KiB limit on a single environment string.
     */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    /** At most this many bytes for all keys and values together, each measured in UTF-8. */
    public static final int MAX_TOTAL_BYTES = 512 * 1024;

    /** A key quoted in a warning is cut to this many characters. */
    static final int KEY_CHARS_IN_WARNINGS = 100;

    private static final String ONLY_COUNTED = " (more drops like this one are only counted)";

    private enum Drop {
        KEY_TOO_LONG("output keys", "limit " + count(MAX_KEY_CHARS) + " characters per key"),
        VALUE_TOO_LARGE("output values", "limit " + count(MAX_VALUE_BYTES) + " bytes per value"),
        TOO_MANY_KEYS("output keys", "limit " + count(MAX_KEYS) + " keys"),
        TOO_LARGE_IN_ALL("outputs", "limit " + count(MAX_TOTAL_BYTES) + " bytes for all outputs together");

        final String what;
        final String limit;

        Drop(String what, String limit) {
            this.what = what;
            this.limit = limit;
        }
    }

    private final String where;
    private final Consumer<String> warnings;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    /** Per key: its UTF-8 bytes plus its value's, as counted in {@link #totalBytes}. */
    private final Map<String, Long> entryBytes = new HashMap<>();

    private final long[] dropped = new long[Drop.values().length];
    private long totalBytes;

    /**
     * @param where names the source in warnings, e.g. {@code pod/container}
     * @param warnings receives the first drop of each kind as it happens
     */
    public BoundedOutputs(String where, Consumer<String> warnings) {
        this.where = Objects.requireNonNull(where, "where");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Takes one output, or drops it when it would break a bound.
     *
     * @param line the log line it came from, for warnings; 0 when there is none
     * @return whether it was taken
     */
    public synchronized boolean put(String key, Object value, long line) {
        if (key.length() > MAX_KEY_CHARS) {
            return drop(
                    Drop.KEY_TOO_LONG,
                    line,
                    () -> "output key " + quoteKey(key) + " (" + count(key.length())
                            + " characters) dropped: longer than the limit of " + count(MAX_KEY_CHARS) + " characters"
                            + ONLY_COUNTED);
        }
        boolean replacing = outputs.containsKey(key);
        long valueBytes = valueBytes(value);
        if (valueBytes > MAX_VALUE_BYTES) {
            return drop(
                    Drop.VALUE_TOO_LARGE,
                    line,
                    () -> "a value of " + count(valueBytes)
                            + " bytes for output key " + quoteKey(key) + " dropped: over the limit of "
                            + count(MAX_VALUE_BYTES) + " bytes per value" + kept(replacing) + ONLY_COUNTED);
        }
        if (!replacing && outputs.size() >= MAX_KEYS) {
            return drop(
                    Drop.TOO_MANY_KEYS,
                    line,
                    () -> "output key " + quoteKey(key) + " dropped: there are " + count(MAX_KEYS)
                            + " output keys already (the limit), and every later new key is dropped too");
        }
        long bytes = utf8Bytes(key) + valueBytes;
        long total = totalBytes - entryBytes.getOrDefault(key, 0L) + bytes;
        if (total > MAX_TOTAL_BYTES) {
            return drop(
                    Drop.TOO_LARGE_IN_ALL,
                    line,
                    () -> "output key " + quoteKey(key)
                            + " dropped: all outputs together would take " + count(total) + " bytes, over the limit of "
                            + count(MAX_TOTAL_BYTES) + kept(replacing) + ONLY_COUNTED);
        }
        outputs.put(key, value);
        entryBytes.put(key, bytes);
        totalBytes = total;
        return true;
    }

    /** {@link #put} of each entry in order; null takes nothing. */
    public synchronized void putAll(Map<String, ?> more, long line) {
        if (more != null) {
            more.forEach((key, value) -> put(key, value, line));
        }
    }

    /** The outputs taken so far, in first-seen order; JSON nulls are kept. */
    public synchronized Map<String, Object> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /**
     * One sentence per kind of drop that happened more than once, with how many in all (a single
     * drop was said in full by its warning); for the caller to report when the source is done.
     */
    public synchronized List<String> summary() {
        List<String> sentences = new ArrayList<>();
        for (Drop kind : Drop.values()) {
            long n = dropped[kind.ordinal()];
            if (n > 1) {
                sentences.add(where + ": " + count(n) + " " + kind.what + " dropped in all (" + kind.limit + ")");
            }
        }
        return sentences;
    }

    /**
     * A key as a warning may show it: quoted, cut to {@link #KEY_CHARS_IN_WARNINGS} characters, and
     * with control characters (ESC above all: a terminal or log viewer would act on it) as {@code ?}.
     */
    static String quoteKey(String key) {
        boolean cut = key.length() > KEY_CHARS_IN_WARNINGS;
        int end = cut ? KEY_CHARS_IN_WARNINGS : key.length();
        if (cut && Character.isHighSurrogate(key.charAt(end - 1))) {
            end--;
        }
        StringBuilder quoted = new StringBuilder(end + 5).append('"');
        for (int i = 0; i < end; i++) {
            char c = key.charAt(i);
            // C1 controls too: some terminals take U+009B as the start of an escape sequence
            quoted.append(Character.isISOControl(c) ? '?' : c);
        }
        return quoted.append(cut ? "...\"" : "\"").toString();
    }

    /** A string's UTF-8 bytes, any other value's compact JSON serialization. */
    static long valueBytes(Object value) {
        return value instanceof String s ? utf8Bytes(s) : JsonOutputs.serializedBytes(value);
    }

    /** Counted without encoding: a lone surrogate counts 3 bytes, one more than the encoder writes. */
    static long utf8Bytes(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String kept(boolean replacing) {
        return replacing ? "; the key keeps its earlier value" : "";
    }

    /** The warning is built only for the first drop of a kind: a flood of drops costs a count each. */
    private boolean drop(Drop kind, long line, Supplier<String> warning) {
        if (dropped[kind.ordinal()]++ == 0) {
            warnings.accept(where + (line > 0 ? " line " + line : "") + ": " + warning.get());
        }
        return false;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
