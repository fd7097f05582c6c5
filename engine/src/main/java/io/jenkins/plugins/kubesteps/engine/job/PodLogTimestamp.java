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
 * @param instant when the line was logged
 * @param text the timestamp as printed, kept for persisted positions
 * @param contentStart where the line's own text starts
 */
record PodLogTimestamp(Instant instant, String text, int contentStart) {

    /** Parses the leading timestamp of {@code line}, or returns null when it has none. */
    static PodLogTimestamp parse(String line) {
        String text = TimestampPrefix.timestamp(line);
        if (text == null) {
            return null;
        }
        Instant instant = parseInstant(text);
        if (instant == null) {
            return null;
        }
        // exactly the one space the API server adds: the rest is the container's own text
        return new PodLogTimestamp(instant, text, Math.min(line.length(), text.length() + 1));
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
