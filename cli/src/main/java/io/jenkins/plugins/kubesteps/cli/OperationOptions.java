package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.manage.ManifestOperations;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.OperationResult;
import io.jenkins.plugins.kubesteps.engine.manage.RunningOperation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code delete}, {@code scale}, {@code undo-rollout} and {@code patch} share: the cluster,
 * the namespace and target, the wait, and how the result becomes the result file and exit code.
 */
final class OperationOptions {
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--namespace", description = "The target's namespace (default: the kubeconfig context's).")
    String namespace;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Option(
            names = "--timeout",
            defaultValue = "30m",
            converter = Durations.class,
            description = "How long the change and the wait may take: 90s, 30m, 2h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-wait", description = "Return once the change is made.")
    boolean noWait;

    @Option(names = "--result", description = "Write the result as JSON to this file.")
    Path result;

    /** Sets namespace, target (when given), wait and timeout. */
    <B extends OperationRequest.Builder<B>> B common(B builder) {
        if (target.given()) {
            builder.target(target.operationTarget());
        }
        return builder.namespace(namespace).waitForCompletion(!noWait).timeout(timeout);
    }

    void requireTarget() {
        target.require();
    }

    /** Connects, starts, waits (Ctrl-C/SIGTERM cancel), writes the result file, returns the exit code. */
    int run(OperationRequest request) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StreamConsole console = new StreamConsole(out, System.err);
        try (KubernetesClient client = cluster.client()) {
            RunningOperation running = new ManifestOperations(client).start(request, console);
            OperationResult outcome =
                    Interrupts.await(running.result(), "the operation", () -> running.cancel("interrupted (Ctrl-C)"));
            if (result != null) {
                ResultJson.write(toMap(outcome), result);
            }
            if (outcome.succeeded()) {
                return KubeSteps.OK;
            }
            return outcome.failure() != null && outcome.failure().clusterProblem()
                    ? KubeSteps.CLUSTER_ERROR
                    : KubeSteps.JOB_FAILED;
        }
    }

    /** The --result file: status, targets, failure, warnings. */
    static Map<String, Object> toMap(OperationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        m.put("targets", r.targetMaps());
        m.put(
                "failure",
                r.failure() == null
                        ? null
                        : ResultJson.failure(r.failure().reason(), r.failure().message()));
        m.put("warnings", r.warnings());
        return m;
    }
}
