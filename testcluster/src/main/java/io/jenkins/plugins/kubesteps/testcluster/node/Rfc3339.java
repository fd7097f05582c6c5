package io.jenkins.plugins.kubesteps.testcluster.node;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps in the exact shapes Kubernetes uses, so that clients which parse kubelet output
 * (timestamps=true) or API fields see what a real node would produce.
 */
final class Rfc3339 {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Rfc3339() {}

    /**
     * Go's time.RFC3339Nano: trailing zeros of the fraction are dropped, and so is the dot when
     * the fraction is zero. Java's Instant.toString pads to groups of three digits instead.
     */
    static String nano(Instant instant) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(SECONDS.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        return out.append('Z').toString();
    }

    /** Seconds precision, as metav1.Time serialises (startedAt, finishedAt, heartbeats). */
    static String seconds(Instant instant) {
        return SECONDS.format(instant.atOffset(ZoneOffset.UTC)) + "Z";
    }

    /** Accepts any RFC3339 form (with or without fraction, Z or an offset). */
    static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
    }
}
