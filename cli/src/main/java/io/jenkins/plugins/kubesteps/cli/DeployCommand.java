package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployRequest;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestFiles;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestText;
import io.jenkins.plugins.kubesteps.engine.deploy.Monikers;
import io.jenkins.plugins.kubesteps.engine.deploy.RunningDeploy;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import java.io.IOException;
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

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Applies manifests with server-side apply (in dependency order, with artifact binding and Spinnaker's"
                    + " versioning and metadata) and waits until every object is stable."
        })
final class DeployCommand implements Callable<Integer> {

    @Option(
            names = "--file",
            required = true,
            description = "A manifest file (YAML or JSON, several documents allowed; - reads stdin) or a directory"
                    + " of .yaml/.yml/.json files (applied in name order).")
    String file;

    @Option(names = "--namespace", description = "Overrides the namespace of every namespaced object.")
    String namespace;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Mixin
    ArtifactOptions artifacts = new ArtifactOptions();

    @Option(names = "--no-bind", description = "Do not bind artifacts into images.")
    boolean noBind;

    @Option(
            names = "--application",
            description = "moniker.spinnaker.io/application of objects that name none (default: the file's or"
                    + " directory's name).")
    String application;

    @Option(names = "--force-conflicts", description = "Take over fields another field manager owns.")
    boolean forceConflicts;

    @Option(names = "--no-wait", description = "Return once everything is applied.")
    boolean noWait;

    @Option(
            names = "--wait-for-load-balancers",
            description = "A Service of type LoadBalancer is stable only once it has an address.")
    boolean waitForLoadBalancers;

    @Option(
            names = "--timeout",
            defaultValue = "30m",
            converter = Durations.class,
            description = "How long applying and waiting may take: 90s, 30m, 2h, 1h30m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--traffic-service",
            paramLabel = "NAME",
            description = "A Service the deployed ReplicaSets join: its selector labels go into their pod templates"
                    + " (and traffic.spinnaker.io/load-balancers). Repeatable.")
    List<String> trafficServices = new ArrayList<>();

    @Option(
            names = "--strategy",
            description = "Once the new ReplicaSet is stable and serving: redblack disables the older server groups of"
                    + " its cluster, highlander disables then deletes them (needs --traffic-service).")
    String strategy;

    @Option(names = "--scale-down", description = "With --strategy redblack: scale the disabled groups to 0.")
    boolean scaleDown;

    @Option(names = "--result", description = "Write the result as JSON to this file.")
    Path result;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StreamConsole console = new StreamConsole(out, System.err);
        DeployRequest request = request();
        try (KubernetesClient client = cluster.client()) {
            RunningDeploy deploy = new Deployer(client).start(request, console);
            DeployResult outcome =
                    Interrupts.await(deploy.result(), "the deploy", () -> deploy.cancel("interrupted (Ctrl-C)"));
            if (result != null) {
                DeployResultJson.write(outcome, result);
            }
            if (outcome.succeeded()) {
                return KubeSteps.OK;
            }
            return outcome.failure() != null && outcome.failure().clusterProblem()
                    ? KubeSteps.CLUSTER_ERROR
                    : KubeSteps.JOB_FAILED;
        }
    }

    DeployRequest request() throws IOException {
        DeployRequest.Builder b = DeployRequest.builder()
                .manifests(manifests())
                .namespace(namespace)
                .bindArtifacts(!noBind)
                .application(application != null ? application : Monikers.dnsSafe(defaultApplication()))
                .forceConflicts(forceConflicts)
                .waitForStable(!noWait)
                .waitForLoadBalancers(waitForLoadBalancers)
                .timeout(timeout)
                .trafficServices(trafficServices)
                .strategy(
                        strategy == null ? TrafficManagement.Strategy.NONE : TrafficManagement.Strategy.parse(strategy))
                .scaleDown(scaleDown);
        artifacts.addTo(b::artifact, b::requiredArtifact);
        return b.build();
    }

    private List<ManifestText> manifests() throws IOException {
        if ("-".equals(file)) {
            return List.of(new ManifestText("stdin", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return ManifestFiles.read(Path.of(file));
    }

    private String defaultApplication() {
        if ("-".equals(file)) {
            return "app";
        }
        Path name = Path.of(file).toAbsolutePath().normalize().getFileName();
        String base = name == null ? "app" : name.toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
