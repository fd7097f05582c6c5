package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.OperationFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.OperationFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.manage.ManifestOperations;
import io.jenkins.plugins.kubesteps.engine.manage.OperationResult;
import io.jenkins.plugins.kubesteps.engine.manage.OperationStatus;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** patchManifest on the real control plane: each patch type, artifact binding, the waits, refusals. */
class PatchManifestIT {
    private static KubernetesClient client;
    private static String ns;

    @BeforeAll
    static void connect() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
        ns = DeployFixtures.namespace(client, "patch");
        OperationFixtures.deployed(
                client,
                DeployFixtures.deployment("strategic", "registry:5000/web:1", 1, "") + "---\n"
                        + DeployFixtures.deployment("jsonpatch", "web:1", 1, ""),
                ns);
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .withData(Map.of("a", "1"))
                        .build())
                .create();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void strategicMergeAddsToTheContainerByNameBindsTheArtifactAndWaitsForTheRollout() {
        String patch =
                """
                spec:
                  template:
                    spec:
                      containers:
                      - name: main
                        image: registry:5000/web
                        env: [{name: COLOR, value: blue}]
                """;
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                PatchRequest.builder()
                        .target("deployment strategic")
                        .namespace(ns)
                        .patch(patch, "patch.yaml")
                        .artifact("registry:5000/web", "registry:5000/web:2")
                        .requiredArtifact("registry:5000/web")
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        Deployment live = client.apps()
                .deployments()
                .inNamespace(ns)
                .withName("strategic")
                .get();
        Container main = live.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(main.getImage()).isEqualTo("registry:5000/web:2");
        assertThat(main.getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("COLOR=blue");
        assertThat(live.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(console.text())
                .contains("Patching deployment/strategic in " + ns + " (strategic merge)")
                .contains("deployment/strategic: 1/1 ready");
    }

    @Test
    void jsonMergeOfAConfigMapKeepsTheOtherKeysAndDoesNotWait() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                PatchRequest.builder()
                        .target("configMap settings")
                        .namespace(ns)
                        .type(PatchType.MERGE)
                        .patch("{\"data\": {\"b\": \"2\"}}", "patch.json")
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        ConfigMap live =
                client.configMaps().inNamespace(ns).withName("settings").get();
        assertThat(live.getData()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(console.text()).doesNotContain("Waiting for");
    }

    @Test
    void jsonPatchReplacesTheReplicasAndWaitsUntilBothAreReady() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                PatchRequest.builder()
                        .target("deployment jsonpatch")
                        .namespace(ns)
                        .type(PatchType.JSON)
                        .patch("- {op: replace, path: /spec/replicas, value: 2}", "ops.yaml")
                        .build());

        assertStatus(result, console, OperationStatus.SUCCEEDED);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("jsonpatch")
                        .get()
                        .getStatus()
                        .getReadyReplicas())
                .isEqualTo(2);
    }

    @Test
    void aPatchTheClusterRefusesFailsWithTheServersReason() {
        RecordedConsole console = new RecordedConsole();
        OperationResult result = run(
                client,
                console,
                PatchRequest.builder()
                        .target("deployment jsonpatch")
                        .namespace(ns)
                        .type(PatchType.JSON)
                        .patch("[{op: replace, path: /spec/replicas, value: -3}]", "ops.yaml")
                        .build());

        assertStatus(result, console, OperationStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("Invalid");
        assertThat(result.failure().message())
                .contains("Could not patch deployment/jsonpatch in " + ns)
                .contains("spec.replicas");
    }

    @Test
    void anInvalidPatchIsRefusedBeforeAnythingIsSentNamingFileLineAndField() {
        assertThatThrownBy(() -> start(PatchType.JSON, "- op: replace\n  value: 2\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ops.yaml:1:3: operation 1: path is missing");
        assertThatThrownBy(() -> start(PatchType.STRATEGIC, "- {op: remove, path: /spec}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "ops.yaml:1:1: a strategic patch is a mapping of the fields to change, not a list")
                .hasMessageContaining("use type json");
        assertThatThrownBy(() -> start(PatchType.MERGE, "spec: {replicas: 2\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ops.yaml:2:1: not valid YAML");
    }

    private static void start(PatchType type, String patch) {
        new ManifestOperations(client)
                .start(
                        PatchRequest.builder()
                                .target("deployment jsonpatch")
                                .namespace(ns)
                                .type(type)
                                .patch(patch, "ops.yaml")
                                .build(),
                        new RecordedConsole());
    }
}
