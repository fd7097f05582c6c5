package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run-job",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a Kubernetes Job from a manifest, streams its pods' logs, waits for it and prints its outputs.",
            "Outputs are the SPINNAKER_PROPERTY_KEY=value and SPINNAKER_CONFIG_JSON={...} lines the Job prints."
        })
final class RunJobCommand implements Callable<Integer> {

    @Option(names = "--file", required = true, description = "Job manifest (YAML or JSON); - reads stdin.")
    String file;

    @Option(names = "--namespace", description = "Overrides the manifest's namespace.")
    String namespace;

    @Option(
            names = "--ttl",
            defaultValue = "3600",
            description = "ttlSecondsAfterFinished set by --cleanup ttl when the manifest has none (default:"
                    + " ${DEFAULT-VALUE}).")
    int ttl;

    @Option(
            names = "--no-deadline",
            description = "Do not set the Job's activeDeadlineSeconds (by default the timeout + 60 s when the"
                    + " manifest has none, so the Job ends even if this process is killed).")
    boolean noDeadline;

    @Mixin
    FollowOptions options = new FollowOptions();

    @Override
    public Integer call() throws Exception {
        JobRequest request = request();
        return options.follow((runner, console) -> runner.start(request, console));
    }

    JobRequest request() {
        if (ttl < 0) {
            throw new InvalidInputException("--ttl must be 0 or more seconds, not " + ttl);
        }
        return options.request()
                .manifest(manifestText(), "-".equals(file) ? "stdin" : file)
                .namespace(namespace)
                .ttlSecondsAfterFinished(ttl)
                .activeDeadline(!noDeadline)
                .annotation("kubesteps.io/started-by", "kubesteps CLI (" + System.getProperty("user.name") + ")")
                .build();
    }

    private String manifestText() {
        if ("-".equals(file)) {
            return TextInput.read(System.in, "stdin");
        }
        return TextInput.read(Path.of(file), file);
    }
}
