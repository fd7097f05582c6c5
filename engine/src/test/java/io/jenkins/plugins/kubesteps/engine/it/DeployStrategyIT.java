package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.assertSucceeded;
import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.listed;
import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.podsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployHandle;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployRequest;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.deploy.RunningDeploy;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.servergroup.ServerGroupTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.TargetSpec;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement.Strategy;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deployManifest with trafficServices and strategy redblack / highlander, on the real control plane. */
class DeployStrategyIT {
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** Service "shop" and ReplicaSet "shop" (2 pods); the Service's label comes from trafficServices. */
    private static String manifests(String color, String image) {
        return TrafficFixtures.service("shop") + "---\n"
                + TrafficFixtures.replicaSet("shop", 2, color, null).replace("image: nginx", "image: " + image);
    }

    private static DeployRequest.Builder request(String ns, String color, String image, Strategy strategy) {
        return DeployFixtures.request(manifests(color, image), ns)
                .trafficService("shop")
                .strategy(strategy);
    }

    private static DeployResult deploy(DeployRequest.Builder request, RecordedConsole console) {
        return DeployFixtures.deploy(client, console, request.build());
    }

    @Test
    void redBlackLeavesTheNewVersionServingAndTheOldOneDisabledThenRollsBack() {
        String ns = DeployFixtures.namespace(client, "redblack");
        RecordedConsole console = new RecordedConsole();
        assertStatus(deploy(request(ns, "blue", "nginx", Strategy.REDBLACK), console), console, DeployStatus.SUCCEEDED);
        assertThat(listed(client, ns, "shop")).isEqualTo(podsOf(client, ns, "shop-v000"));

        DeployResult second = deploy(request(ns, "green", "nginx", Strategy.REDBLACK), console);

        assertStatus(second, console, DeployStatus.SUCCEEDED);
        assertThat(console.text())
                .contains("Red/black: replicaSet shop-v001 in namespace " + ns + " is serving; disabling 1 older"
                        + " server group: shop-v000.");
        // the EndpointSlices: only v001's pods; v000 keeps running, out of traffic
        assertThat(listed(client, ns, "shop")).isEqualTo(podsOf(client, ns, "shop-v001"));
        assertThat(TrafficFixtures.ready(client, ns, "shop")).isEqualTo(podsOf(client, ns, "shop-v001"));
        ReplicaSet v000 = client.apps()
                .replicaSets()
                .inNamespace(ns)
                .withName("shop-v000")
                .get();
        assertThat(v000.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(v000.getMetadata().getAnnotations())
                .containsEntry("traffic.spinnaker.io/load-balancers", "[\"service shop\"]");

        // roll back, as the blue/green Jenkinsfile does on a failed smoke test
        RecordedConsole rollback = new RecordedConsole();
        ServerGroupTraffic traffic = new ServerGroupTraffic(client);
        TargetSpec previous = TargetSpec.dynamic(ns, "replicaSet shop", Criteria.SECOND_NEWEST, null);
        TargetSpec newest = TargetSpec.dynamic(ns, "replicaSet shop", Criteria.NEWEST, null);
        Duration t = Duration.ofMinutes(2);
        assertSucceeded(
                TrafficFixtures.await(traffic.start(TrafficRequest.enable(previous, List.of(), t), rollback)),
                rollback);
        assertSucceeded(
                TrafficFixtures.await(traffic.start(TrafficRequest.disable(newest, List.of(), t), rollback)), rollback);
        assertThat(listed(client, ns, "shop")).isEqualTo(podsOf(client, ns, "shop-v000"));
    }

    /**
     * A restart ends the first process before its strategy phase: here the first run is detached
     * the moment it starts to wait, from its own console line, so it can never reach that phase,
     * whatever the machine's load. The resumed run alone must delete the older version.
     */
    @Test
    void highlanderDeletesTheOlderVersionAlsoWhenResumedAfterARestart() {
        String ns = DeployFixtures.namespace(client, "highlander");
        RecordedConsole console = new RecordedConsole();
        assertStatus(
                deploy(request(ns, "blue", "nginx", Strategy.HIGHLANDER), console), console, DeployStatus.SUCCEEDED);

        RecordedConsole first = new RecordedConsole();
        CompletableFuture<RunningDeploy> started = new CompletableFuture<>();
        Console detachOnWait = new Console() {
            @Override
            public void line(String text) {
                first.line(text);
                if (text.startsWith("Waiting for 1 object to become stable")) {
                    started.join().detach();
                }
            }

            @Override
            public void link(String url, String label) {
                first.link(url, label);
            }
        };
        started.complete(new Deployer(client)
                .start(request(ns, "green", "nginx", Strategy.HIGHLANDER).build(), detachOnWait));
        EngineCluster.waitFor(Duration.ofMinutes(1), "the first run detached", () -> first.text()
                .contains("Stopped waiting"));
        DeployHandle saved = started.join().handle();
        assertThat(saved.applying()).isFalse();
        assertThat(saved.traffic().strategy()).isEqualTo(Strategy.HIGHLANDER);

        RecordedConsole resumed = new RecordedConsole();
        DeployResult result = DeployFixtures.await(new Deployer(client).resume(saved, resumed));

        assertStatus(result, resumed, DeployStatus.SUCCEEDED);
        assertThat(first.text()).doesNotContain("Highlander");
        assertThat(resumed.text()).contains("Deleted replicaSet shop-v000 (highlander).");
        EngineCluster.waitFor(
                Duration.ofMinutes(1),
                "v000 and its pods gone",
                () -> client.apps()
                                        .replicaSets()
                                        .inNamespace(ns)
                                        .withName("shop-v000")
                                        .get()
                                == null
                        && podsOf(client, ns, "shop-v000").isEmpty());
        assertThat(listed(client, ns, "shop")).isEqualTo(podsOf(client, ns, "shop-v001"));
    }

    @Test
    void aNewVersionThatNeverBecomesStableLeavesTheOldOneServing() {
        String ns = DeployFixtures.namespace(client, "stuck");
        RecordedConsole console = new RecordedConsole();
        assertStatus(deploy(request(ns, "blue", "nginx", Strategy.REDBLACK), console), console, DeployStatus.SUCCEEDED);

        RecordedConsole second = new RecordedConsole();
        DeployResult stuck = deploy(
                request(ns, "green", "does-not-exist:1", Strategy.REDBLACK).timeout(Duration.ofSeconds(8)), second);

        assertThat(stuck.status()).isEqualTo(DeployStatus.TIMED_OUT);
        // v001's pods are in the Service, as Spinnaker deploys them, but never ready: v000 still serves
        assertThat(TrafficFixtures.ready(client, ns, "shop")).isEqualTo(podsOf(client, ns, "shop-v000"));
        assertThat(listed(client, ns, "shop")).containsAll(podsOf(client, ns, "shop-v000"));
        assertThat(second.text()).doesNotContain("Red/black:").doesNotContain("Disabling");
    }

    @Test
    void aTrafficServiceSelectingOnTheReplicaSetsOwnSelectorIsRefusedBeforeAnythingIsApplied() {
        String ns = DeployFixtures.namespace(client, "clash");
        String manifests = TrafficFixtures.replicaSet("shop", 1, "blue", null)
                + "---\napiVersion: v1\nkind: Service\nmetadata: {name: by-app}\n"
                + "spec: {selector: {app: shop}, ports: [{port: 80}]}\n";

        assertThatThrownBy(() -> new Deployer(client)
                        .start(
                                DeployFixtures.request(manifests, ns)
                                        .trafficService("by-app")
                                        .strategy(Strategy.REDBLACK)
                                        .build(),
                                new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Service by-app selects on app, which is also in the selector of ReplicaSet shop"
                        + " (it.yaml:1:1)")
                .hasMessageContaining("Nothing was changed");
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems())
                .isEmpty();
    }
}
