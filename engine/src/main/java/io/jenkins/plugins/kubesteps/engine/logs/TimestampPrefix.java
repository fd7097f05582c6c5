package io.jenkins.plugins.kubesteps.engine.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Recognises what log lines carry in front of their text: the RFC 3339 timestamp the API server
 * prints with {@code timestamps=true} ({@code 2026-11-22T02:11:42.123456789Z text}, offsets such
 * as {@code +01:00} allowed), or a CRI log file prefix ({@code <RFC3339Nano> stdout F text}).
 * Checks the first character before anything else, so lines without a prefix cost one
 * comparison.
 */
public final class TimestampPrefix {

    /** {@code 2026-11-22T02:11:42Z}: the shortest RFC 3339 date-time. */
    private static final int MIN_TIMESTAMP = 20;

    private TimestampPrefix() {}

    /**
     * How many leading characters to skip before looking for an output marker: a timestamp or CRI
     * prefix (if any) and the whitespace after it, or just leading whitespace.
     */
    public static int length(CharSequence line) {
        return skipBlanks(line, timestampLength(line));
    }

    /**
     * The length of a leading timestamp with the one space after it, or of a whole CRI prefix
     * ({@code <timestamp> stdout|stderr F|P }); 0 when the line has neither. Strips exactly what
     * the API server or the runtime added, so the user's own indentation survives.
     */
    public static int timestampLength(CharSequence line) {
        int end = timestampEnd(line);
        if (end < 0) {
            return 0;
        }
        if (end == line.length()) {
            return end;
        }
        if (line.charAt(end) != ' ') {
            return 0;
        }
        int cri = criPrefixEnd(line, end + 1);
        return cri > 0 ? cri : end + 1;
    }

    /** The leading RFC 3339 timestamp (ended by a space or the end of the line), or null. */
    public static String timestamp(CharSequence line) {
        int end = separatedTimestampEnd(line);
        return end < 0 ? null : line.subSequence(0, end).toString();
    }

    /**
     * The instant of the leading RFC 3339 timestamp (as {@link #timestamp}), or null when there is
     * none or it names no valid date-time. Parsed by hand because it may run for every log line:
     * {@code OffsetDateTime.parse} costs about fifteen times as much.
     */
    public static Instant instant(CharSequence line) {
        int end = separatedTimestampEnd(line);
        if (end < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (line.charAt(i) == '.') {
            // digits past the ninth are below a nanosecond: scale reaches 0 and drops them
            for (int scale = 100_000_000; isDigit(line.charAt(++i)); scale /= 10) {
                nanos += (line.charAt(i) - '0') * scale;
            }
        }
        char zone = line.charAt(i);
        int offsetSeconds = 0;
        if (zone == '+' || zone == '-') {
            offsetSeconds = (number(line, i + 1, 2) * 3600 + number(line, i + 4, 2) * 60) * (zone == '-' ? -1 : 1);
        }
        try {
            return LocalDateTime.of(
                            number(line, 0, 4),
                            number(line, 5, 2),
                            number(line, 8, 2),
                            number(line, 11, 2),
                            number(line, 14, 2),
                            number(line, 17, 2),
                            nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int separatedTimestampEnd(CharSequence line) {
        int end = timestampEnd(line);
        return end < 0 || (end < line.length() && line.charAt(end) != ' ') ? -1 : end;
    }

    private static int number(CharSequence s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    /** End of {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)} at the line start, or -1. */
    private static int timestampEnd(CharSequence s) {
        int n = s.length();
        if (n < MIN_TIMESTAMP || !isDigit(s.charAt(0))) {
            return -1;
        }
        if (!digits(s, 0, 4)
                || s.charAt(4) != '-'
                || !digits(s, 5, 2)
                || s.charAt(7) != '-'
                || !digits(s, 8, 2)
                || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || !digits(s, 11, 2)
                || s.charAt(13) != ':'
                || !digits(s, 14, 2)
                || s.charAt(16) != ':'
                || !digits(s, 17, 2)) {
            return -1;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == fraction || i == n) {
                return -1;
            }
        }
        char zone = s.charAt(i);
        if (zone == 'Z' || zone == 'z') {
            return i + 1;
        }
        if ((zone == '+' || zone == '-')
                && i + 6 <= n
                && digits(s, i + 1, 2)
                && s.charAt(i + 3) == ':'
                && digits(s, i + 4, 2)) {
            return i + 6;
        }
        return -1;
    }

    private static int criPrefixEnd(CharSequence s, int from) {
        int stream = matchStream(s, from);
        if (stream < 0 || stream + 2 > s.length() || s.charAt(stream) != ' ') {
            return -1;
        }
        char tag = s.charAt(stream + 1);
        if (tag != 'F' && tag != 'P') {
            return -1;
        }
        int end = stream + 2;
        if (end == s.length()) {
            return end;
        }
        return s.charAt(end) == ' ' ? end + 1 : -1;
    }

    private static int matchStream(CharSequence s, int from) {
        if (startsWith(s, from, "stdout") || startsWith(s, from, "stderr")) {
            return from + 6;
        }
        return -1;
    }

    private static boolean startsWith(CharSequence s, int from, String word) {
        if (from + word.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (s.charAt(from + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int skipBlanks(CharSequence s, int from) {
        int i = from;
        int n = s.length();
        while (i < n && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean digits(CharSequence s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
