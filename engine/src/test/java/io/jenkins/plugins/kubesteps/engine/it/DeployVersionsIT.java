package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Versioned objects: sequence from the live versions, reuse, history, source capacity. */
class DeployVersionsIT {
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

    private static String configMap(String value, String annotations) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  annotations: {%s}
                data: {COLOR: %s}
                """
                .formatted(annotations, value);
    }

    private static String deployedVersion(String ns, String manifests) {
        RecordedConsole console = new RecordedConsole();
        DeployResult result = deploy(client, console, manifests, ns, b -> {});
        assertStatus(result, console, DeployStatus.SUCCEEDED);
        return result.objects().get(0).version();
    }

    private static List<String> liveNames(String ns) {
        return client.configMaps().inNamespace(ns).list().getItems().stream()
                .map(c -> c.getMetadata().getName())
                .filter(n -> n.startsWith("settings"))
                .sorted()
                .toList();
    }

    @Test
    void aChangeMakesTheNextVersionAndAnIdenticalOneIsReused() {
        String ns = DeployFixtures.namespace(client, "ver");
        assertThat(deployedVersion(ns, configMap("blue", ""))).isEqualTo("v000");
        assertThat(deployedVersion(ns, configMap("red", ""))).isEqualTo("v001");
        assertThat(deployedVersion(ns, configMap("blue", ""))).isEqualTo("v000");
        assertThat(deployedVersion(ns, configMap("green", ""))).isEqualTo("v002");
        assertThat(liveNames(ns)).containsExactly("settings-v000", "settings-v001", "settings-v002");
        ConfigMap v1 =
                client.configMaps().inNamespace(ns).withName("settings-v001").get();
        assertThat(v1.getData()).containsEntry("COLOR", "red");
    }

    @Test
    void aVersionSpinnakerDeployedIsReusedWhenItsDataIsTheSame() {
        String ns = DeployFixtures.namespace(client, "legacy");
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings-v004")
                        .endMetadata()
                        .withData(Map.of("COLOR", "blue"))
                        .build())
                .create();
        assertThat(deployedVersion(ns, configMap("blue", ""))).isEqualTo("v004");
        assertThat(deployedVersion(ns, configMap("red", ""))).isEqualTo("v005");
    }

    @Test
    void maxVersionHistoryDeletesTheOldestOnceStable() {
        String ns = DeployFixtures.namespace(client, "hist");
        String keepTwo = "strategy.spinnaker.io/max-version-history: \"2\"";
        for (String color : List.of("a", "b", "c", "d")) {
            deployedVersion(ns, configMap(color, keepTwo));
        }
        EngineCluster.waitFor(EngineCluster.CONTROLLER_LIMIT, "old versions to be deleted", () -> liveNames(ns)
                .equals(List.of("settings-v002", "settings-v003")));
    }

    @Test
    void useSourceCapacityKeepsTheReplicasOfTheNewestVersion() {
        String ns = DeployFixtures.namespace(client, "cap");
        String rs =
                """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: backend
                  annotations: {strategy.spinnaker.io/use-source-capacity: "true"}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: backend}}
                  template:
                    metadata: {labels: {app: backend}}
                    spec:
                      containers: [{name: main, image: "backend:%s"}]
                """;
        RecordedConsole console = new RecordedConsole();
        DeployResult first = deploy(client, console, rs.formatted("1"), ns, b -> {});
        assertStatus(first, console, DeployStatus.SUCCEEDED);
        assertThat(first.objects().get(0).name()).isEqualTo("backend-v000");
        // someone scaled the live version up meanwhile
        client.apps().replicaSets().inNamespace(ns).withName("backend-v000").scale(3);

        DeployResult second = deploy(client, console, rs.formatted("2"), ns, b -> {});
        assertStatus(second, console, DeployStatus.SUCCEEDED);
        assertThat(second.objects().get(0).name()).isEqualTo("backend-v001");
        var v1 = client.apps()
                .replicaSets()
                .inNamespace(ns)
                .withName("backend-v001")
                .get();
        assertThat(v1.getSpec().getReplicas()).isEqualTo(3);
        assertThat(v1.getStatus().getReadyReplicas()).isEqualTo(3);
    }
}
