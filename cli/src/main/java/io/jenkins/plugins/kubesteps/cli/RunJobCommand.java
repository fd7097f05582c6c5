package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.ConfigMapKey;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run-job",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a Kubernetes Job from a manifest, streams its pods' logs, waits for it and prints its outputs.",
            "Outputs are the SPINNAKER_PROPERTY_KEY=value and SPINNAKER_CONFIG_JSON={...} lines the Job prints."
        })
final class RunJobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "Job manifest (YAML or JSON); - reads stdin.")
    String file;

    @Option(names = "--namespace", description = "Overrides the manifest's namespace.")
    String namespace;

    @Option(names = "--kubeconfig", description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: its current context).")
    String context;

    @Option(
            names = "--timeout",
            defaultValue = "120m",
            converter = Durations.class,
            description = "How long to wait: 90s, 30m, 2h, 1h30m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--container", description = "Only this container's log lines yield outputs.")
    String container;

    @Option(
            names = "--cleanup",
            defaultValue = "ttl",
            description = "ttl | on-success | always | never (default: ${DEFAULT-VALUE}). Cancel deletes the Job"
                    + " unless never.")
    String cleanup;

    @Option(
            names = "--ttl",
            defaultValue = "3600",
            description = "ttlSecondsAfterFinished set by --cleanup ttl when the manifest has none (default:"
                    + " ${DEFAULT-VALUE}).")
    int ttl;

    @Option(
            names = "--output-configmap",
            paramLabel = "NAME:KEY",
            description = "After the Job, read more outputs (a JSON object) from this ConfigMap key.")
    String outputConfigMap;

    @Option(names = "--no-prefix", description = "Do not prefix log lines with [pod/container].")
    boolean noPrefix;

    @Option(names = "--no-logs", description = "Do not print the pods' logs (outputs are still captured).")
    boolean noLogs;

    @Option(names = "--result", description = "Write the result as JSON to this file.")
    Path result;

    @Override
    public Integer call() throws Exception {
        // Pods print UTF-8; the platform encoding of stdout may not be.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StreamConsole console = new StreamConsole(out, System.err);
        JobRequest request = request();
        try (KubernetesClient client = KubeconfigFile.client(kubeconfig, context)) {
            RunningJob job = new JobRunner(client).start(request, console);
            JobResult outcome = Interrupts.await(job.result(), "the Job", () -> job.cancel("interrupted (Ctrl-C)"));
            ResultJson.print(outcome, console);
            if (result != null) {
                ResultJson.write(outcome, result);
            }
            return outcome.succeeded() ? KubeSteps.OK : KubeSteps.JOB_FAILED;
        }
    }

    JobRequest request() throws IOException {
        JobRequest.Builder b = JobRequest.builder()
                .manifest(manifestText(), "-".equals(file) ? "stdin" : file)
                .namespace(namespace)
                .timeout(timeout)
                .container(container)
                .cleanup(CleanupPolicy.parse(cleanup))
                .ttlSecondsAfterFinished(ttl)
                .prefixLines(!noPrefix)
                .streamLogs(!noLogs)
                .annotation("kubesteps.io/started-by", "kubesteps CLI (" + System.getProperty("user.name") + ")");
        if (ttl < 0) {
            throw new InvalidInputException("--ttl must be 0 or more seconds, not " + ttl);
        }
        if (outputConfigMap != null) {
            b.outputConfigMap(ConfigMapKey.parse(outputConfigMap));
        }
        return b.build();
    }

    private String manifestText() throws IOException {
        if ("-".equals(file)) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("--file " + file + ": no such file");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
