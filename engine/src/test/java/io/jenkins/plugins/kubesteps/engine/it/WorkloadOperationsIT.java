package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.OperationFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.OperationFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.manage.ManifestOperations;
import io.jenkins.plugins.kubesteps.engine.manage.OperationHandle;
import io.jenkins.plugins.kubesteps.engine.manage.OperationResult;
import io.jenkins.plugins.kubesteps.engine.manage.OperationStatus;
import io.jenkins.plugins.kubesteps.engine.manage.RunningOperation;
import io.jenkins.plugins.kubesteps.engine.manage.ScaleRequest;
import io.jenkins.plugins.kubesteps.engine.manage.UndoRolloutRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** scaleManifest and undoRolloutManifest on the real control plane, and resuming a wait from a saved handle. */
class WorkloadOperationsIT {
    private static KubernetesClient client;
    private static String ns;

    @BeforeAll
    static void connect() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
        ns = DeployFixtures.namespace(client, "workload");
        // three revisions of "history": web:1, web:2, web:3
        for (int version = 1; version <= 3; version++) {
            OperationFixtures.deployed(client, DeployFixtures.deployment("history", "web:" + version, 1, ""), ns);
        }
        OperationFixtures.deployed(
                client,
                DeployFixtures.deployment("scaled", "web:1", 1, "") + "---\n"
                        + """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  replicas: 1
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: "db:1"}]}
                """,
                ns);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void scaleThenWaitUntilEveryReplicaIsReady() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                ScaleRequest.builder()
                        .target("deployment scaled")
                        .namespace(ns)
                        .replicas(3)
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        assertThat(deployment("scaled").getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(console.text())
                .contains("Scaling deployment/scaled in " + ns + " to 3 replicas")
                .contains("deployment/scaled: 3/3 ready");
    }

    @Test
    void scaleAStatefulSetWaitsForItsOrderedPods() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                ScaleRequest.builder()
                        .target("statefulSet db")
                        .namespace(ns)
                        .replicas(2)
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(ns)
                        .withName("db")
                        .get()
                        .getStatus()
                        .getReadyReplicas())
                .isEqualTo(2);
    }

    @Test
    void aWaitResumesFromTheSerializedHandleAfterDetaching() throws Exception {
        RecordedConsole console = new RecordedConsole();
        RunningOperation running = new ManifestOperations(client)
                .start(
                        ScaleRequest.builder()
                                .target("deployment scaled")
                                .namespace(ns)
                                .replicas(2)
                                .build(),
                        console);
        EngineCluster.waitFor(Duration.ofSeconds(60), "the wait to start", () -> console.text()
                .contains("Waiting for"));
        OperationHandle saved = roundTrip(running.handle());
        running.detach();

        assertThat(saved.acting()).isFalse();
        RecordedConsole resumedConsole = new RecordedConsole();
        OperationResult result = OperationFixtures.await(new ManifestOperations(client).resume(saved, resumedConsole));
        assertStatus(result, resumedConsole, OperationStatus.SUCCEEDED);
        assertThat(result.operation()).isEqualTo("scale");
        assertThat(deployment("scaled").getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(resumedConsole.text()).contains("Waiting for the scale again.");
    }

    @Test
    void undoTwoRevisionsBackRollsOutTheFirstTemplateAgain() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                UndoRolloutRequest.builder()
                        .target("deployment history")
                        .namespace(ns)
                        .revisionsBack(2)
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        Deployment live = deployment("history");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("web:1");
        assertThat(live.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        assertThat(live.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(console.text()).contains("back from revision 3 to the template of revision 1");
    }

    @Test
    void undoToARevisionThatDoesNotExistListsTheExistingOnes() {
        assertThatThrownBy(() -> new ManifestOperations(client)
                        .start(
                                UndoRolloutRequest.builder()
                                        .target("deployment history")
                                        .namespace(ns)
                                        .revision(9)
                                        .build(),
                                new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployment/history in " + ns + " has no revision 9; its revisions are ");
    }

    @Test
    void undoAndScaleRefuseKindsTheyDoNotWorkOn() {
        String replicaSet = client.apps()
                .replicaSets()
                .inNamespace(ns)
                .withLabel("app", "scaled")
                .list()
                .getItems()
                .get(0)
                .getMetadata()
                .getName();
        assertThatThrownBy(() -> new ManifestOperations(client)
                        .start(
                                UndoRolloutRequest.builder()
                                        .target("replicaSet " + replicaSet)
                                        .namespace(ns)
                                        .build(),
                                new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only a Deployment keeps revisions to go back to, and this is a ReplicaSet");
        assertThatThrownBy(() -> new ManifestOperations(client)
                        .start(
                                ScaleRequest.builder()
                                        .target("serviceAccount default")
                                        .namespace(ns)
                                        .replicas(2)
                                        .build(),
                                new RecordedConsole()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "Cannot scale serviceaccount/default in " + ns
                                + ": scaleManifest works on Deployments, ReplicaSets and StatefulSets, not on a ServiceAccount");
    }

    private static Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static OperationHandle roundTrip(OperationHandle handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (OperationHandle) in.readObject();
        }
    }
}
