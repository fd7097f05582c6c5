package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.OperationFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.OperationFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.manage.DeleteRequest;
import io.jenkins.plugins.kubesteps.engine.manage.DeleteRequest.Cascade;
import io.jenkins.plugins.kubesteps.engine.manage.ManifestOperations;
import io.jenkins.plugins.kubesteps.engine.manage.OperationResult;
import io.jenkins.plugins.kubesteps.engine.manage.OperationStatus;
import io.jenkins.plugins.kubesteps.engine.manage.RunningOperation;
import io.jenkins.plugins.kubesteps.engine.manage.TargetRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deleteManifest on the real control plane: each cascade mode (the garbage collector runs), by selector, errors. */
class DeleteManifestIT {
    private static KubernetesClient client;
    private static String ns;

    @BeforeAll
    static void connect() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
        ns = DeployFixtures.namespace(client, "delete");
        OperationFixtures.deployed(
                client,
                DeployFixtures.deployment("bg", "web:1", 1, "") + "---\n"
                        + DeployFixtures.deployment("fg", "web:1", 1, "") + "---\n"
                        + DeployFixtures.deployment("orphan", "web:1", 1, ""),
                ns);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void backgroundDeletesTheDeploymentAndTheGarbageCollectorItsReplicaSetAfterwards() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(client, console, delete("deployment bg", Cascade.BACKGROUND));

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        assertThat(result.targets()).containsExactly(new TargetRef("Deployment", ns, "bg"));
        assertThat(client.apps().deployments().inNamespace(ns).withName("bg").get())
                .isNull();
        assertThat(console.text())
                .contains("Deleting deployment/bg in " + ns + " (cascade background)")
                .contains("deployment/bg in " + ns + " is gone.");
        EngineCluster.waitFor(
                EngineCluster.CONTROLLER_LIMIT,
                "the garbage collector to delete bg's ReplicaSet",
                () -> replicaSets("bg").isEmpty());
    }

    @Test
    void foregroundWaitsUntilTheOwnedReplicaSetIsGoneFirst() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(client, console, delete("deployment fg", Cascade.FOREGROUND));

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        // the Deployment goes last: when it is gone, what it owned is gone already
        assertThat(replicaSets("fg")).isEmpty();
        // (whether the foregroundDeletion finalizer is seen depends on how fast the garbage collector is;
        // naming finalizers is shown with one that stays, below)
    }

    @Test
    void orphanLeavesTheReplicaSetWithoutOwner() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(client, console, delete("deploy/orphan", Cascade.ORPHAN));

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        EngineCluster.waitFor(
                EngineCluster.CONTROLLER_LIMIT,
                "the garbage collector to orphan the ReplicaSet",
                () -> replicaSets("orphan").stream()
                        .allMatch(rs -> rs.getMetadata().getOwnerReferences().isEmpty()));
        assertThat(replicaSets("orphan")).hasSize(1);
    }

    @Test
    void bySelectorDeletesEveryMatchingObjectAndNothingElse() {
        for (String name : List.of("sel-a", "sel-b", "sel-other")) {
            client.configMaps()
                    .inNamespace(ns)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .withLabels(Map.of("app", name.equals("sel-other") ? "other" : "sel"))
                            .endMetadata()
                            .build())
                    .create();
        }
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                DeleteRequest.builder()
                        .selector("configMap", "app=sel")
                        .namespace(ns)
                        .gracePeriodSeconds(0)
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        assertThat(result.targets()).extracting(TargetRef::name).containsExactly("sel-a", "sel-b");
        assertThat(client.configMaps().inNamespace(ns).withName("sel-other").get())
                .isNotNull();
        assertThat(client.configMaps().inNamespace(ns).withName("sel-a").get()).isNull();
    }

    @Test
    void anObjectAFinalizerHoldsTimesOutNamingTheFinalizer() {
        held("held");
        try {
            RecordedConsole console = new RecordedConsole();
            OperationResult result = run(
                    client,
                    console,
                    DeleteRequest.builder()
                            .target("configMap held")
                            .namespace(ns)
                            .timeout(Duration.ofSeconds(3))
                            .build());

            assertStatus(result, console, OperationStatus.TIMED_OUT);
            assertThat(console.text())
                    .contains("configmap/held in " + ns + " is being deleted; finalizers hold it: example.com/hold");
            assertThat(result.failure().message())
                    .contains(
                            "configmap/held in " + ns
                                    + " still exists, held by finalizers: example.com/hold. The controller that added a finalizer");
        } finally {
            release("held");
        }
    }

    @Test
    void cancelStopsWaitingAndSaysWhy() {
        held("held-cancel");
        try {
            RecordedConsole console = new RecordedConsole();
            RunningOperation running = new ManifestOperations(client)
                    .start(
                            DeleteRequest.builder()
                                    .target("configMap held-cancel")
                                    .namespace(ns)
                                    .build(),
                            console);
            EngineCluster.waitFor(Duration.ofSeconds(60), "the finalizer to be named", () -> console.text()
                    .contains("finalizers hold it"));
            running.cancel("stopped by the test");

            OperationResult result = OperationFixtures.await(running);
            assertStatus(result, console, OperationStatus.CANCELLED);
            assertThat(result.failure().reason()).isEqualTo("Cancelled");
            assertThat(result.failure().message()).isEqualTo("stopped by the test");
        } finally {
            release("held-cancel");
        }
    }

    private static void held(String name) {
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withFinalizers("example.com/hold")
                        .endMetadata()
                        .build())
                .create();
    }

    private static void release(String name) {
        client.configMaps().inNamespace(ns).withName(name).edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
    }

    @Test
    void aMissingTargetIsRefusedNamingWhatExists() {
        assertThatThrownBy(() -> new ManifestOperations(client)
                        .start(delete("deployment nosuch", Cascade.BACKGROUND), new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Deployment nosuch not found in namespace " + ns)
                .hasMessageContaining("existing: ");
        assertThatThrownBy(() -> new ManifestOperations(client)
                        .start(delete("gadget x", Cascade.BACKGROUND), new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Kind 'gadget' is unknown to the cluster");
        assertThatThrownBy(() -> new ManifestOperations(client)
                        .start(
                                DeleteRequest.builder()
                                        .selector("configMap", "app in (")
                                        .namespace(ns)
                                        .build(),
                                new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The label selector 'app in (' is not valid");
    }

    private static DeleteRequest delete(String target, Cascade cascade) {
        return DeleteRequest.builder()
                .target(target)
                .namespace(ns)
                .cascade(cascade)
                .build();
    }

    private static List<ReplicaSet> replicaSets(String app) {
        return client.apps()
                .replicaSets()
                .inNamespace(ns)
                .withLabel("app", app)
                .list()
                .getItems();
    }
}
