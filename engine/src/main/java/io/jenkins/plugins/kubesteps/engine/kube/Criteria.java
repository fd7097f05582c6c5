package io.jenkins.plugins.kubesteps.engine.kube;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a dynamic target picks one server group of a cluster (Spinnaker's names). */
public enum Criteria {
    NEWEST,
    SECOND_NEWEST,
    OLDEST,
    LARGEST,
    SMALLEST;

    /** {@code second_newest}, as users write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Accepts {@code second_newest}, {@code secondNewest}, {@code second-newest} and any case, as
     * Spinnaker's pipelines and docs spell them differently.
     */
    public static Criteria parse(String text) {
        String key = text == null
                ? ""
                : text.strip()
                        .replaceAll("([a-z])([A-Z])", "$1_$2")
                        .replace('-', '_')
                        .toUpperCase(Locale.ROOT);
        for (Criteria c : values()) {
            if (c.name().equals(key)) {
                return c;
            }
        }
        throw new InvalidInputException("Criteria '" + text + "' is unknown; use one of "
                + Arrays.stream(values()).map(Criteria::label).collect(Collectors.joining(", ")));
    }
}
