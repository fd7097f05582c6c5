package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.kubesteps.engine.job.RecordingConsole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The informer's first list (resourceVersion=0) may come from the API server's cache and show a
 * Deployment as it was before our apply: the previous generation, observed, every replica ready.
 * That state must not end the wait. On the mock server the stored object plays that stale state:
 * the handle says the apply returned a newer generation than the one stored.
 */
@EnableKubernetesMockClient(crud = true)
class DeployStaleStateTest {
    static final String NS = "test";
    static final KindInfo DEPLOYMENT = new KindInfo("apps/v1", "Deployment", "deployments", true);

    KubernetesMockServer server;
    KubernetesClient client;
    final RecordingConsole console = new RecordingConsole();

    private static Deployment web(long generation) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NS)
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(generation)
                .withReplicas(1)
                .withUpdatedReplicas(1)
                .withReadyReplicas(1)
                .withAvailableReplicas(1)
                .endStatus()
                .build();
    }

    private static DeployHandle waitingFor(Map<String, Long> generations, int seconds) {
        TrackedObject web = new TrackedObject(
                new DeployedObject(
                        "Deployment", "apps/v1", NS, "web", "", "app", "deployment web", DeployedObject.APPLIED),
                DEPLOYMENT,
                "web",
                null);
        return new DeployHandle(
                List.of(web),
                Instant.now().plusSeconds(seconds),
                false,
                false,
                List.of(),
                TrafficManagement.NONE,
                generations);
    }

    private DeployResult resume(DeployHandle handle) throws Exception {
        return new Deployer(client).resume(handle, console).result().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anOlderGenerationThanTheApplyReturnedIsNotStable() throws Exception {
        client.apps().deployments().inNamespace(NS).resource(web(4)).create();
        long stored = client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("web")
                .get()
                .getMetadata()
                .getGeneration();

        DeployResult result = resume(waitingFor(Map.of("apps/v1/Deployment@test/web", stored + 1), 2));

        assertThat(result.status()).as(console.text()).isEqualTo(DeployStatus.TIMED_OUT);
        assertThat(result.failure().message()).contains("deployment/web in test: no status seen yet");
    }

    @Test
    void aHandleWithoutGenerationsWaitsAsBefore() throws Exception {
        client.apps().deployments().inNamespace(NS).resource(web(4)).create();

        DeployResult result = resume(waitingFor(null, 30));

        assertThat(result.status()).as(console.text()).isEqualTo(DeployStatus.SUCCEEDED);
    }
}
