package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.ConfigMapKey;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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

    @Option(
            names = "--no-deadline",
            description = "Do not set the Job's activeDeadlineSeconds (by default the timeout + 60 s when the"
                    + " manifest has none, so the Job ends even if this process is killed).")
    boolean noDeadline;

    @Option(
            names = "--allow-incomplete-outputs",
            description = "Exit 0 instead of 4 when the Job succeeded but a log could not be read to its end.")
    boolean allowIncompleteOutputs;

    @Override
    public Integer call() throws Exception {
        // Pods print UTF-8; the platform encoding of stdout may not be.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StreamConsole console = new StreamConsole(out, System.err);
        JobRequest request = request();
        ClusterConnection connection = new ClusterConnection(null, null, false, null, kubeconfigCredentials());
        try (KubernetesClient client = ClientFactory.client(connection)) {
            RunningJob job = new JobRunner(client).start(request, console);
            Interrupts.onInterrupt(() -> job.cancel("interrupted (Ctrl-C)"));
            JobResult outcome;
            try {
                outcome = job.result().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                Interrupts.clear();
            }
            ResultJson.print(outcome, console);
            if (result != null) {
                ResultJson.write(outcome, result);
            }
            return KubeSteps.exitCode(outcome, allowIncompleteOutputs);
        }
    }

    JobRequest request() {
        JobRequest.Builder b = JobRequest.builder()
                .manifest(manifestText(), "-".equals(file) ? "stdin" : file)
                .namespace(namespace)
                .timeout(timeout)
                .container(container)
                .cleanup(CleanupPolicy.parse(cleanup))
                .ttlSecondsAfterFinished(ttl)
                .prefixLines(!noPrefix)
                .streamLogs(!noLogs)
                .activeDeadline(!noDeadline)
                .allowIncompleteOutputs(allowIncompleteOutputs)
                .annotation("kubesteps.io/started-by", "kubesteps CLI (" + System.getProperty("user.name") + ")");
        if (ttl < 0) {
            throw new InvalidInputException("--ttl must be 0 or more seconds, not " + ttl);
        }
        if (outputConfigMap != null) {
            b.outputConfigMap(ConfigMapKey.parse(outputConfigMap));
        }
        return b.build();
    }

    private String manifestText() {
        if ("-".equals(file)) {
            return TextInput.read(System.in, "stdin");
        }
        return TextInput.read(Path.of(file), file);
    }

    private ClusterCredentials.Kubeconfig kubeconfigCredentials() {
        Path path = kubeconfig;
        String where = "--kubeconfig";
        if (path == null) {
            String env = System.getenv("KUBECONFIG");
            if (env != null && !env.isBlank()) {
                // kubectl merges a list; the first existing file is what people mean most of the time.
                for (String candidate : env.split(java.io.File.pathSeparator)) {
                    if (!candidate.isBlank() && Files.isRegularFile(Path.of(candidate))) {
                        path = Path.of(candidate);
                        break;
                    }
                }
                where = "$KUBECONFIG";
            } else {
                path = Path.of(System.getProperty("user.home"), ".kube", "config");
                where = "~/.kube/config";
            }
        }
        if (path == null || !Files.exists(path)) {
            throw new InvalidInputException("No kubeconfig found (" + where + (path == null ? "" : " = " + path)
                    + "): pass --kubeconfig FILE, or try ./kubesteps demo for a local cluster");
        }
        String source = path.toString();
        return new ClusterCredentials.Kubeconfig(TextInput.read(path, source), context, true, source);
    }
}
