package io.jenkins.plugins.kubesteps.engine.job;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.io.Serializable;

/** A key of a ConfigMap in the Job's namespace whose value is a JSON object of outputs. */
public record ConfigMapKey(String name, String key) implements Serializable {

    /** Parses {@code NAME:KEY}. */
    public static ConfigMapKey parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidInputException(
                    "Output ConfigMap '" + text + "' must be written NAME:KEY, e.g. job-results:outputs.json");
        }
        return new ConfigMapKey(
                text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
        return name + ":" + key;
    }
}
