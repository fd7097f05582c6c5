package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.assertSucceeded;
import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.awaitServing;
import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.listed;
import static io.jenkins.plugins.kubesteps.engine.it.TrafficFixtures.podsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.servergroup.RunningTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.ServerGroupTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.TargetSpec;
import io.jenkins.plugins.kubesteps.engine.servergroup.Targets;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficHandle;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficRequest;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disable and enable on the real control plane: v000 and v001 of a ReplicaSet behind one Service;
 * the EndpointSlices the endpoint slice controller keeps are the proof.
 */
class ServerGroupTrafficIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static KubernetesClient client;
    private static String ns;

    @BeforeAll
    static void twoVersionsBehindOneService() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
        ns = DeployFixtures.namespace(client, "traffic");
        RecordedConsole console = new RecordedConsole();
        for (String color : List.of("blue", "green")) {
            DeployFixtures.assertStatus(
                    DeployFixtures.deploy(
                            client,
                            console,
                            TrafficFixtures.service("web") + "---\n"
                                    + TrafficFixtures.replicaSet("frontend", 2, color, "web"),
                            ns,
                            b -> {}),
                    console,
                    DeployStatus.SUCCEEDED);
        }
        awaitServing(client, ns, "web", "frontend-v000", "frontend-v001");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static TrafficResult run(TrafficRequest request, RecordedConsole console) {
        return TrafficFixtures.await(new ServerGroupTraffic(client).start(request, console));
    }

    private static TargetSpec second() {
        return TargetSpec.dynamic(ns, "replicaSet frontend", Criteria.SECOND_NEWEST, null);
    }

    @Test
    void disableTakesTheOlderVersionOutThenEnableAndDisableRollBack() {
        RecordedConsole console = new RecordedConsole();
        TrafficResult disabled = run(TrafficRequest.disable(second(), List.of(), TIMEOUT), console);

        assertSucceeded(disabled, console);
        assertThat(console.text())
                .contains("second_newest of replicaSet frontend → frontend-v000")
                .contains("Service web no longer lists any pod of replicaSet frontend-v000 in namespace " + ns);
        assertThat(disabled.targets()).singleElement().satisfies(t -> assertThat(t.name())
                .isEqualTo("frontend-v000"));
        // at the moment the step returned, the Service already sends nothing to v000
        assertThat(listed(client, ns, "web")).isEqualTo(podsOf(client, ns, "frontend-v001"));
        ReplicaSet v000 = client.apps()
                .replicaSets()
                .inNamespace(ns)
                .withName("frontend-v000")
                .get();
        assertThat(v000.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("traffic-web");
        assertThat(v000.getStatus().getReadyReplicas())
                .as("disabled, not stopped")
                .isEqualTo(2);

        RecordedConsole again = new RecordedConsole();
        TrafficResult twice = run(TrafficRequest.disable(second(), List.of(), TIMEOUT), again);
        assertSucceeded(twice, again);
        assertThat(twice.alreadyInPlace()).isTrue();
        assertThat(again.text())
                .contains("replicaSet frontend-v000 in namespace " + ns + " (Service web) is already" + " disabled");

        // roll back: v000 back in, v001 out
        RecordedConsole rollback = new RecordedConsole();
        assertSucceeded(run(TrafficRequest.enable(second(), List.of("web"), TIMEOUT), rollback), rollback);
        TargetSpec newest = TargetSpec.dynamic(ns, "replicaSet frontend", Criteria.NEWEST, null);
        assertSucceeded(run(TrafficRequest.disable(newest, List.of(), TIMEOUT), rollback), rollback);
        assertThat(listed(client, ns, "web")).isEqualTo(podsOf(client, ns, "frontend-v000"));

        // and forward again, so the other tests find v001 serving
        assertSucceeded(run(TrafficRequest.enable(newest, List.of(), TIMEOUT), rollback), rollback);
        assertSucceeded(run(TrafficRequest.disable(second(), List.of(), TIMEOUT), rollback), rollback);
        assertThat(listed(client, ns, "web")).isEqualTo(podsOf(client, ns, "frontend-v001"));
    }

    @Test
    void podsTheReplicaSetStartsWhileEnablingAreEnabledToo() {
        RecordedConsole console = new RecordedConsole();
        TargetSpec v000 = TargetSpec.named(ns, "replicaSet frontend-v000");
        run(TrafficRequest.disable(v000, List.of(), TIMEOUT), console);

        RunningTraffic running =
                new ServerGroupTraffic(client).start(TrafficRequest.enable(v000, List.of(), TIMEOUT), console);
        client.apps().replicaSets().inNamespace(ns).withName("frontend-v000").scale(5);
        TrafficResult result = TrafficFixtures.await(running);
        assertSucceeded(result, console);
        EngineCluster.waitFor(
                TIMEOUT,
                "5 pods of v000",
                () -> podsOf(client, ns, "frontend-v000").size() == 5);

        for (Pod p : client.pods()
                .inNamespace(ns)
                .withLabel("app", "frontend-v000")
                .list()
                .getItems()) {
            assertThat(TrafficFixtures.hasLabel(p, "traffic-web"))
                    .as("pod %s", p.getMetadata().getName())
                    .isTrue();
        }
        awaitServing(client, ns, "web", "frontend-v000", "frontend-v001");

        RecordedConsole back = new RecordedConsole();
        client.apps().replicaSets().inNamespace(ns).withName("frontend-v000").scale(2);
        assertSucceeded(run(TrafficRequest.disable(v000, List.of(), TIMEOUT), back), back);
    }

    @Test
    void aResumedEnableActsOnTheServerGroupResolvedBeforeTheRestart() throws Exception {
        RecordedConsole console = new RecordedConsole();
        RunningTraffic running =
                new ServerGroupTraffic(client).start(TrafficRequest.enable(second(), List.of(), TIMEOUT), console);
        running.detach();
        TrafficHandle saved = roundTrip(running.handle());
        assertThat(saved.target().name()).isEqualTo("frontend-v000");

        RecordedConsole resumed = new RecordedConsole();
        TrafficResult result = TrafficFixtures.await(new ServerGroupTraffic(client).resume(saved, resumed));

        assertSucceeded(result, resumed);
        assertThat(resumed.text()).contains("Resuming: enabling replicaSet frontend-v000 in namespace " + ns);
        awaitServing(client, ns, "web", "frontend-v000", "frontend-v001");
        assertSucceeded(run(TrafficRequest.disable(second(), List.of(), TIMEOUT), resumed), resumed);
    }

    @Test
    void aBarePodIsDisabledAndEnabledLikeAReplicaSet() {
        client.resource(TrafficFixtures.service("solo")).inNamespace(ns).serverSideApply();
        client.resource(
                        """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: solo-v000
                          labels: {traffic-solo: "true"}
                          annotations: {traffic.spinnaker.io/load-balancers: '["service solo"]'}
                        spec:
                          containers: [{name: main, image: nginx}]
                        """)
                .inNamespace(ns)
                .create();
        EngineCluster.waitFor(
                TIMEOUT, "solo listed", () -> listed(client, ns, "solo").contains("solo-v000"));
        RecordedConsole console = new RecordedConsole();
        TargetSpec pod = TargetSpec.named(ns, "pod solo-v000");

        assertSucceeded(run(TrafficRequest.disable(pod, List.of(), TIMEOUT), console), console);
        assertThat(listed(client, ns, "solo")).isEmpty();
        assertThat(console.text()).contains("removing label traffic-solo from the pod.");

        assertSucceeded(run(TrafficRequest.enable(pod, List.of(), TIMEOUT), console), console);
        assertThat(listed(client, ns, "solo")).containsExactly("solo-v000");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void unusableTargetsAndServicesAreRefusedWithWhatToDo() {
        RecordedConsole console = new RecordedConsole();
        String clash = TrafficFixtures.replicaSet("clash", 0, "x", null)
                .replace("labels: {app: clash}", "labels: {app: clash, traffic-web: \"false\"}");
        DeployFixtures.assertStatus(
                DeployFixtures.deploy(client, console, clash, ns, b -> {}), console, DeployStatus.SUCCEEDED);
        client.resource(
                        """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: by-hand}
                        spec:
                          ports: [{port: 80}]
                        """)
                .inNamespace(ns)
                .serverSideApply();
        client.resource(
                        """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: by-app}
                        spec:
                          selector: {app: frontend-v001}
                          ports: [{port: 80}]
                        """)
                .inNamespace(ns)
                .serverSideApply();
        client.resource(DeployFixtures.deployment("api", "nginx", 0, ""))
                .inNamespace(ns)
                .serverSideApply();

        assertThatThrownBy(() -> start(TargetSpec.named(ns, "deployment api"), List.of("web")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "is a Deployment: taking the Services' labels off its pod template would start a" + " rollout");
        assertThatThrownBy(() -> start(TargetSpec.named(ns, "replicaSet frontend-v001"), List.of("by-hand")))
                .hasMessageContaining("Service by-hand has no selector");
        assertThatThrownBy(() -> start(TargetSpec.named(ns, "replicaSet frontend-v001"), List.of("by-app")))
                .hasMessageContaining(
                        "Service by-app selects on app, which is also in the selector of replicaSet" + " frontend-v001")
                .hasMessageContaining("Nothing was changed");
        assertThatThrownBy(() -> start(TargetSpec.named(ns, "replicaSet clash-v000"), List.of("web")))
                .hasMessageContaining("carry traffic-web=false as their own label");
        assertThatThrownBy(() -> start(TargetSpec.named(ns, "replicaSet frontend-v007"), List.of()))
                .hasMessageContaining("replicaSet frontend-v007 does not exist in namespace " + ns
                        + "; there are: frontend-v000, frontend-v001");
        assertThatThrownBy(() ->
                        start(TargetSpec.dynamic(ns, "replicaSet clash", Criteria.SECOND_NEWEST, null), List.of("web")))
                .hasMessageContaining("second_newest of replicaSet clash needs at least 2 server groups, but the"
                        + " cluster has 1 in namespace " + ns + ": clash-v000");
        assertThatThrownBy(() ->
                        start(TargetSpec.dynamic(ns, "replicaSet backend", Criteria.NEWEST, null), List.of("web")))
                .hasMessageContaining("No server group of cluster 'replicaSet backend' exists in namespace " + ns)
                .hasMessageContaining("replicaSet clash (1)")
                .hasMessageContaining("replicaSet frontend (2)");
        // nothing was changed by any of them
        assertThat(listed(client, ns, "web")).containsAll(podsOf(client, ns, "frontend-v001"));
    }

    @Test
    void versionsCreatedInTheSameSecondArePickedBySequenceThenByNameVersion() {
        // the later-created object gets the lower sequence: only a tie-break by sequence makes it older
        for (int attempt = 0; attempt < 5; attempt++) {
            String first = tieGroup("tie" + attempt + "-v001", "tie" + attempt, "7");
            String second = tieGroup("tie" + attempt + "-v000", "tie" + attempt, "6");
            if (first.equals(second)) {
                Targets targets = new Targets(client);
                String cluster = "replicaSet tie" + attempt;
                assertThat(targets.resolve(TargetSpec.dynamic(ns, cluster, Criteria.NEWEST, null))
                                .resolution())
                        .isEqualTo("newest of " + cluster + " → tie" + attempt + "-v001");
                assertThat(targets.resolve(TargetSpec.dynamic(ns, cluster, Criteria.SECOND_NEWEST, null))
                                .name())
                        .isEqualTo("tie" + attempt + "-v000");
                assertThat(targets.resolve(TargetSpec.dynamic(ns, cluster, Criteria.OLDEST, null))
                                .name())
                        .isEqualTo("tie" + attempt + "-v000");
                return;
            }
        }
        throw new AssertionError("no two ReplicaSets created in the same second in 5 attempts");
    }

    /** A ReplicaSet of no pods in a cluster; returns its creationTimestamp. */
    private static String tieGroup(String name, String cluster, String sequence) {
        String manifest = TrafficFixtures.replicaSet(name, 0, "x", null)
                .replace(
                        "  name: " + name,
                        "  name: " + name + "\n  annotations: {moniker.spinnaker.io/cluster: replicaSet " + cluster
                                + ", moniker.spinnaker.io/sequence: '" + sequence + "'}");
        return client.resource(manifest).inNamespace(ns).create().getMetadata().getCreationTimestamp();
    }

    private static RunningTraffic start(TargetSpec target, List<String> services) {
        return new ServerGroupTraffic(client)
                .start(TrafficRequest.disable(target, services, TIMEOUT), new RecordedConsole());
    }
}
