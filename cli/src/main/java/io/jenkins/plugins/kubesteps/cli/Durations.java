package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations the way kubectl writes them: {@code 90s}, {@code 30m}, {@code 1h30m}; a bare number is minutes.
 * Public for the bench module's commands, which take durations the same way.
 */
public final class Durations implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value == null ? "" : value.trim();
        if (text.matches("\\d+")) {
            return positive(Duration.ofMinutes(Long.parseLong(text)), value);
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new InvalidInputException(
                    "Invalid duration '" + value + "': write e.g. 90s, 30m, 2h or 1h30m (a bare number means minutes)");
        }
        return positive(total, value);
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero()) {
            throw new InvalidInputException("Invalid duration '" + value + "': it must be longer than zero");
        }
        return d;
    }
}
