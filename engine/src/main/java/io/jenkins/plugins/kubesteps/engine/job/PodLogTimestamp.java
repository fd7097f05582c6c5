package io.jenkins.plugins.kubesteps.engine.job;

import io.jenkins.plugins.kubesteps.engine.logs.TimestampPrefix;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The timestamp the API server puts in front of each log line with {@code timestamps=true}: Go's
 * RFC 3339 with nanoseconds, trailing zeros of the fraction trimmed, then one space. Because of the
 * trimming two timestamps cannot be compared as strings, only as instants.
 *
 * <p>Parsed for every line, so by hand ({@link TimestampPrefix#instant}, about 15 times cheaper
 * than {@code OffsetDateTime.parse}), and the timestamp's text is cut out of the line only when a
 * persisted position needs it.
 *
 * @param instant when the line was logged
 * @param line the line the timestamp starts
 * @param end where the timestamp ends in {@code line}
 */
record PodLogTimestamp(Instant instant, String line, int end) {

    /** Parses the leading timestamp of {@code line}, or returns null when it has none. */
    static PodLogTimestamp parse(String line) {
        Instant instant = TimestampPrefix.instant(line);
        if (instant == null) {
            return null;
        }
        // a timestamp has no space in it, and is followed by one or by the end of the line
        int space = line.indexOf(' ');
        return new PodLogTimestamp(instant, line, space < 0 ? line.length() : space);
    }

    /** The timestamp as printed, kept for persisted positions. */
    String text() {
        return line.substring(0, end);
    }

    /** Where the line's own text starts: after exactly the one space the API server adds. */
    int contentStart() {
        return Math.min(line.length(), end + 1);
    }

    /** Parses a persisted timestamp; null when it is missing or unreadable. */
    static Instant parseInstant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The {@code sinceTime} that re-reads a log from {@code instant}: the API takes whole seconds
     * and includes lines of that second, so the caller must skip what it already saw.
     */
    static String sinceTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
