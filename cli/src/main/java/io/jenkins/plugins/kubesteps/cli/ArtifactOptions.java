package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;

/** {@code --artifact NAME=REF} and {@code --required NAME}, as deploy and patch bind images. */
final class ArtifactOptions {
    @Option(
            names = "--artifact",
            paramLabel = "NAME=REF",
            description = "Bind an image: containers whose image is NAME (any tag or digest) get REF, e.g."
                    + " registry:5000/team/app=registry:5000/team/app:1.4.2. Repeatable.")
    List<String> artifacts = new ArrayList<>();

    @Option(
            names = "--required",
            paramLabel = "NAME",
            description = "An artifact that must be bound to some container; else nothing is changed. Repeatable.")
    List<String> required = new ArrayList<>();

    /** Hands each artifact (name, reference) and then each required name to the request builder. */
    void addTo(BiConsumer<String, String> artifact, java.util.function.Consumer<String> requiredArtifact) {
        for (String a : artifacts) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw new InvalidInputException("--artifact " + a + ": write NAME=REFERENCE, e.g."
                        + " registry:5000/team/app=registry:5000/team/app:1.4.2");
            }
            artifact.accept(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
        }
        required.forEach(requiredArtifact);
    }
}
