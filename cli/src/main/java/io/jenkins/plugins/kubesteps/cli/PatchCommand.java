package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "patch",
        mixinStandardHelpOptions = true,
        description = {
            "Patches an object (strategic merge, JSON merge or JSON patch) and, for a workload, waits until it is"
                    + " stable."
        })
final class PatchCommand implements Callable<Integer> {
    @Mixin
    OperationOptions options = new OperationOptions();

    @Option(
            names = "--type",
            defaultValue = "strategic",
            description = "strategic | merge | json (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--patch", paramLabel = "TEXT", description = "The patch, YAML or JSON.")
    String patch;

    @Option(names = "--patch-file", paramLabel = "FILE", description = "The patch from a file (- reads stdin).")
    String patchFile;

    @Mixin
    ArtifactOptions artifacts = new ArtifactOptions();

    @Override
    public Integer call() throws Exception {
        return options.run(request());
    }

    PatchRequest request() {
        options.requireTarget();
        if ((patch == null) == (patchFile == null)) {
            throw new InvalidInputException("Give the patch with either --patch TEXT or --patch-file FILE");
        }
        PatchRequest.Builder b = options.common(PatchRequest.builder()).type(PatchRequest.PatchType.parse(type));
        if (patch != null) {
            b.patch(patch, "--patch");
        } else if ("-".equals(patchFile)) {
            b.patch(TextInput.read(System.in, "stdin"), "stdin");
        } else {
            b.patch(TextInput.read(Path.of(patchFile), patchFile), patchFile);
        }
        artifacts.addTo(b::artifact, b::requiredArtifact);
        return b.build();
    }
}
