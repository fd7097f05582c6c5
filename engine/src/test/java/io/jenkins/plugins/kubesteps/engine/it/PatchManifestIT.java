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
                .contains("  image registry:5000/web bound to registry:5000/web:2")
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

    @Test
    void aCustomResourceTakesAMergePatchAndAStrategicOneIsExplained() {
        String first = EngineCluster.unique("s") + ".example.com";
        String second = EngineCluster.unique("s") + ".example.com";
        OperationFixtures.deployed(
                client,
                sprocketKind(first) + "---\n" + sprocketKind(second) + "---\n{apiVersion: " + first
                        + "/v1, kind: Sprocket, metadata: {name: s}, spec: {size: 1}}\n",
                ns);

        RecordedConsole console = new RecordedConsole();
        OperationResult merged = run(
                client,
                console,
                PatchRequest.builder()
                        .target("sprocket." + first + " s")
                        .namespace(ns)
                        .type(PatchType.MERGE)
                        .patch("spec: {size: 2}", "p.yaml")
                        .build());
        assertStatus(merged, console, OperationStatus.SUCCEEDED);
        assertThat(client.genericKubernetesResources(first + "/v1", "Sprocket")
                        .inNamespace(ns)
                        .withName("s")
                        .get()
                        .get("spec", "size")
                        .toString())
                .isEqualTo("2");

        OperationResult strategic = run(
                client,
                new RecordedConsole(),
                PatchRequest.builder()
                        .target("sprocket." + first + " s")
                        .namespace(ns)
                        .patch("spec: {size: 3}", "p.yaml")
                        .build());
        assertThat(strategic.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(strategic.failure().message())
                .contains("the cluster supports it for built-in kinds only."
                        + " Use type merge (JSON merge patch) instead.");

        assertThatThrownBy(() -> start(PatchType.MERGE, "{}", "sprocket s"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Kind 'sprocket' is served by several API groups: ")
                .hasMessageContaining(first)
                .hasMessageContaining(second);
    }

    private static String sprocketKind(String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: sprockets.%1$s}
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: sprockets, singular: sprocket, kind: Sprocket}
                  versions:
                  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
                """
                .formatted(group);
    }

    private static void start(PatchType type, String patch) {
        start(type, patch, "deployment jsonpatch");
    }

    private static void start(PatchType type, String patch, String target) {
        new ManifestOperations(client)
                .start(
                        PatchRequest.builder()
                                .target(target)
                                .namespace(ns)
                                .type(type)
                                .patch(patch, "ops.yaml")
                                .build(),
                        new RecordedConsole());
    }
}
