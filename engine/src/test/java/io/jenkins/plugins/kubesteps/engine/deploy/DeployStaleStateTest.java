package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.kubesteps.engine.MockDiscovery;
import io.jenkins.plugins.kubesteps.engine.job.RecordingConsole;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
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

    @Test
    void theGenerationAnApplyReturnedIsWaitedFor() throws Exception {
        MockDiscovery.announce(server, "apps/v1", "Deployment", "deployments", "deploy");
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        Deployment before =
                client.apps().deployments().inNamespace(NS).resource(web(1)).create();
        // the informer's first list, as a cache that has not seen the replace yet would answer it
        server.expect()
                .get()
                .withPath("/apis/apps/v1/namespaces/test/deployments?resourceVersion=0")
                .andReturn(
                        200,
                        new DeploymentListBuilder()
                                .withMetadata(new ListMetaBuilder()
                                        .withResourceVersion(
                                                before.getMetadata().getResourceVersion())
                                        .build())
                                .addToItems(before)
                                .build())
                .always();
        String manifest =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations:
                    strategy.spinnaker.io/replace: "true"
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web:2}]}
                """;

        DeployResult result = new Deployer(client)
                .start(
                        DeployRequest.builder()
                                .manifest(manifest, "web.yaml")
                                .namespace(NS)
                                .timeout(java.time.Duration.ofSeconds(3))
                                .build(),
                        console)
                .result()
                .get(30, TimeUnit.SECONDS);

        assertThat(result.status()).as(console.text()).isEqualTo(DeployStatus.TIMED_OUT);
        assertThat(console.text()).contains("Replaced deployment/web").doesNotContain("1/1 ready");
    }
}
