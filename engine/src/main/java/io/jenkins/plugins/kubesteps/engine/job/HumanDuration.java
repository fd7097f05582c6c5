package io.jenkins.plugins.kubesteps.engine.job;

import java.time.Duration;

/** Durations as people write them: {@code 2h 5m}, {@code 1m 30s}, {@code 45s}, {@code 250ms}. */
final class HumanDuration {
    private HumanDuration() {}

    static String format(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return Math.max(0, duration.toMillis()) + "ms";
        }
        long seconds = duration.toSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append('m');
        }
        if (rest > 0 || text.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(rest).append('s');
        }
        return text.toString();
    }
}
