package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.kubesteps.engine.job.RecordingConsole;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeployHandleTest {
    private static final KindInfo CM = new KindInfo("v1", "ConfigMap", "configmaps", true);

    private static TrackedObject object(String name, String status) {
        return new TrackedObject(
                new DeployedObject("ConfigMap", "v1", "ns", name, "", "app", "configMap " + name, status),
                CM,
                name,
                null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aHandleTakenWhileApplyingEndsTheResumedDeployNamingWhatWasApplied() throws Exception {
        DeployHandle handle = roundTrip(new DeployHandle(
                List.of(object("a", DeployedObject.APPLIED), object("b", DeployedObject.NOT_APPLIED)),
                Instant.now().plusSeconds(60),
                false,
                true,
                List.of("an earlier warning")));
        RecordingConsole console = new RecordingConsole();
        // nothing listens there: the resumed deploy must not need the cluster to say it cannot go on
        try (KubernetesClient nowhere = new KubernetesClientBuilder()
                .withConfig(
                        new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
                .build()) {
            DeployResult result =
                    new Deployer(nowhere).resume(handle, console).result().get(30, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(DeployStatus.FAILED);
            assertThat(result.failure().reason()).isEqualTo("Interrupted");
            assertThat(result.failure().message())
                    .contains("Applied (left as they are): configmap/a in ns")
                    .contains("Not applied: configmap/b in ns");
            assertThat(result.warnings()).containsExactly("an earlier warning");
            assertThat(roundTrip(result)).isEqualTo(result);
        }
    }

    @Test
    void theGenerationsOfTheAppliesSurviveSerialization() throws Exception {
        List<TrackedObject> objects = List.of(object("a", DeployedObject.APPLIED));
        Instant deadline = Instant.now().plusSeconds(60);
        DeployHandle kept = roundTrip(new DeployHandle(
                objects, deadline, false, false, List.of(), TrafficManagement.NONE, Map.of("v1/ConfigMap@ns/a", 3L)));
        assertThat(kept.generations()).containsExactly(Map.entry("v1/ConfigMap@ns/a", 3L));
        // a handle saved before generations were kept: no protection, the wait works as it did
        assertThat(new DeployHandle(objects, deadline, false, false, List.of(), TrafficManagement.NONE, null)
                        .generations())
                .isEmpty();
    }

    @Test
    void objectsBecomePlainMaps() {
        DeployResult result = new DeployResult(
                DeployStatus.SUCCEEDED,
                List.of(object("a", DeployedObject.STABLE).object()),
                null,
                null);
        assertThat(result.objectMaps())
                .containsExactly(Map.of(
                        "kind", "ConfigMap",
                        "apiVersion", "v1",
                        "namespace", "ns",
                        "name", "a",
                        "version", "",
                        "application", "app",
                        "cluster", "configMap a",
                        "status", "STABLE"));
    }

    @Test
    void monikerDefaultsAreDnsSafe() {
        assertThat(Monikers.dnsSafe("Team A/Deploy Web")).isEqualTo("team-a-deploy-web");
        assertThat(Monikers.dnsSafe("--")).isEqualTo("app");
        assertThat(Monikers.dnsSafe("x".repeat(80))).hasSize(63);
    }
}
