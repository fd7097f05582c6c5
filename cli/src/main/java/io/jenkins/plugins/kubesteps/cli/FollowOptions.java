package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.ConfigMapKey;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobWatching;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code run-job} and {@code attach} share: the cluster to talk to, how to follow the Job
 * (timeout, logs, outputs, cleanup), and how its end becomes the result file and the exit code.
 */
final class FollowOptions {
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

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
            names = "--allow-incomplete-outputs",
            description = "Exit 0 instead of 4 when the Job succeeded but a log could not be read to its end.")
    boolean allowIncompleteOutputs;

    /** A request with these options set; the command adds the rest. */
    JobRequest.Builder request() {
        JobRequest.Builder b = JobRequest.builder()
                .timeout(timeout)
                .container(container)
                .cleanup(CleanupPolicy.parse(cleanup))
                .prefixLines(!noPrefix)
                .streamLogs(!noLogs)
                .allowIncompleteOutputs(allowIncompleteOutputs);
        if (outputConfigMap != null) {
            b.outputConfigMap(ConfigMapKey.parse(outputConfigMap));
        }
        return b;
    }

    /**
     * Connects, starts following with {@code start}, waits for the result (Ctrl-C/SIGTERM cancel),
     * prints the outputs, writes the result file and returns the exit code.
     */
    int follow(BiFunction<JobRunner, StreamConsole, RunningJob> start) throws Exception {
        // Pods print UTF-8; the platform encoding of stdout may not be.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StreamConsole console = new StreamConsole(out, System.err);
        try (KubernetesClient client = KubeconfigFile.client(kubeconfigCredentials())) {
            RunningJob job = start.apply(new JobRunner(client, JobWatching.PER_JOB), console);
            Preload.jobCreated();
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

    private ClusterCredentials.Kubeconfig kubeconfigCredentials() {
        return KubeconfigFile.credentials(cluster.kubeconfig, cluster.context);
    }
}
