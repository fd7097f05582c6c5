package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.servergroup.RunningTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.ServerGroupTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficAction;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficRequest;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code disable-server-group} and {@code enable-server-group}: the same options, opposite labels. */
abstract class TrafficCommand implements Callable<Integer> {

    @Option(names = "--namespace", description = "The target's namespace (default: the kubeconfig context's).")
    String namespace;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Option(
            names = "--service",
            paramLabel = "NAME",
            description = "A Service to take the server group out of / put it back in (default: those of its"
                    + " traffic.spinnaker.io/load-balancers annotation). Repeatable.")
    List<String> services = new ArrayList<>();

    @Mixin
    ClusterOptions connection;

    @Option(
            names = "--timeout",
            defaultValue = "5m",
            converter = Durations.class,
            description = "How long relabelling and waiting for the Services' EndpointSlices may take"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--result", description = "Write the result as JSON to this file.")
    Path result;

    abstract TrafficAction action();

    TrafficRequest request() {
        return new TrafficRequest(action(), targetOptions.serverGroup(namespace), services, timeout);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StreamConsole console = new StreamConsole(out, System.err);
        TrafficRequest request = request();
        try (KubernetesClient client = connection.client()) {
            RunningTraffic running = new ServerGroupTraffic(client).start(request, console);
            TrafficResult outcome = Interrupts.await(
                    running.result(), "the server group change", () -> running.cancel("interrupted (Ctrl-C)"));
            if (result != null) {
                ResultJson.write(outcome.toMap(), result);
            }
            if (outcome.succeeded()) {
                return KubeSteps.OK;
            }
            return outcome.failure() != null && outcome.failure().clusterProblem()
                    ? KubeSteps.CLUSTER_ERROR
                    : KubeSteps.JOB_FAILED;
        }
    }

    @Command(
            name = "disable-server-group",
            mixinStandardHelpOptions = true,
            description = {
                "Takes a ReplicaSet (or bare Pod) out of its Services without stopping it: removes the Services'"
                        + " selector labels from its pod template and every pod, then waits until the Services'"
                        + " EndpointSlices no longer list its pods. Disabling a disabled group succeeds."
            })
    static final class Disable extends TrafficCommand {
        @Override
        TrafficAction action() {
            return TrafficAction.DISABLE;
        }
    }

    @Command(
            name = "enable-server-group",
            mixinStandardHelpOptions = true,
            description = {
                "Puts a ReplicaSet (or bare Pod) back into its Services: adds the Services' selector labels to its"
                        + " pod template and every pod, then waits until the Services' EndpointSlices list its pods."
            })
    static final class Enable extends TrafficCommand {
        @Override
        TrafficAction action() {
            return TrafficAction.ENABLE;
        }
    }
}
