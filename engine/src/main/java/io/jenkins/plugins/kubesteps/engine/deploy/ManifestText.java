package io.jenkins.plugins.kubesteps.engine.deploy;

import java.io.Serializable;

/**
 * The text of one manifest file (or pasted manifest) and where it came from, for messages.
 *
 * @param source a file path or "manifest"; named in every error about the text
 * @param text YAML (one or more documents) or JSON
 */
public record ManifestText(String source, String text) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ManifestText {
        source = source == null || source.isBlank() ? "manifest" : source;
        text = text == null ? "" : text;
    }
}
