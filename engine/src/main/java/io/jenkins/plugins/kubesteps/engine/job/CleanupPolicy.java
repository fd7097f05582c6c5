package io.jenkins.plugins.kubesteps.engine.job;

import java.util.Locale;

/** What happens to the Job once it has finished or was cancelled. */
public enum CleanupPolicy {
    /** Set {@code ttlSecondsAfterFinished} when the manifest has none; Kubernetes deletes it later. */
    TTL("ttl"),
    /** Delete the Job (and, by background propagation, its pods) when it succeeded. */
    ON_SUCCESS("on-success"),
    /** Delete the Job whatever the outcome. */
    ALWAYS("always"),
    /** Leave the Job alone, even on cancel. */
    NEVER("never");

    private final String id;

    CleanupPolicy(String id) {
        this.id = id;
    }

    /** The word users write: {@code ttl}, {@code on-success}, {@code always}, {@code never}. */
    public String id() {
        return id;
    }

    /** Accepts the user's word, case-insensitively, with {@code -}, {@code _} or camelCase. */
    public static CleanupPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return TTL;
        }
        String wanted = text.trim()
                .replaceAll("([a-z])([A-Z])", "$1-$2")
                .replace('_', '-')
                .toLowerCase(Locale.ROOT);
        for (CleanupPolicy p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new io.jenkins.plugins.kubesteps.engine.InvalidInputException(
                "Unknown cleanup policy '" + text + "': use one of ttl, on-success, always, never");
    }
}
