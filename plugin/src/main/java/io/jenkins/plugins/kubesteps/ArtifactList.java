package io.jenkins.plugins.kubesteps;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code artifacts} field: image references separated by spaces or lines, each {@code
 * REFERENCE} (bound to the images of its own name, as a Spinnaker docker artifact) or {@code
 * NAME=REFERENCE}. A text field rather than a map, so the form and the Snippet Generator show it.
 */
final class ArtifactList {
    private ArtifactList() {}

    record Entry(String name, String reference) {}

    static List<String> words(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.asList(text.strip().split("[\\s,]+"));
    }

    /** @throws InvalidInputException naming the entry and how to write it */
    static List<Entry> entries(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String word : words(text)) {
            int eq = word.indexOf('=');
            if (eq == 0 || eq == word.length() - 1) {
                throw new InvalidInputException(Messages.ArtifactList_Malformed(word));
            }
            if (eq > 0) {
                entries.add(new Entry(word.substring(0, eq), word.substring(eq + 1)));
                continue;
            }
            String name = DeployRequest.artifactName(word);
            if (name.equals(word)) {
                throw new InvalidInputException(Messages.ArtifactList_NoVersion(word));
            }
            entries.add(new Entry(name, word));
        }
        return entries;
    }

    static String problem(String text) {
        try {
            entries(text);
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }
}
