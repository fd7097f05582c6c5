package io.jenkins.plugins.kubesteps.engine.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.kubesteps.engine.MockDiscovery;
import io.jenkins.plugins.kubesteps.engine.job.RecordingConsole;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run's machinery on fabric8's mock server (CRUD, no controllers, so nothing ever becomes
 * stable by itself): no-wait, waiting until gone, the timeout and cancel while waiting.
 */
@EnableKubernetesMockClient(crud = true)
class ManifestOperationsMockTest {
    static final String NS = "test";

    KubernetesMockServer server;
    KubernetesClient client;
    final RecordingConsole console = new RecordingConsole();

    @BeforeEach
    void discoveryAndObjects() {
        MockDiscovery.announce(server, "v1", "ConfigMap", "configmaps", "cm");
        MockDiscovery.announce(server, "apps/v1", "Deployment", "deployments", "deploy");
        client.configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .build())
                .create();
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .endSpec()
                        .build())
                .create();
    }

    @Test
    void deleteWaitsUntilTheObjectIsGone() throws Exception {
        OperationResult result =
                run(DeleteRequest.builder().target("cm settings").namespace(NS).build());

        assertThat(result.status()).as(console.text()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(result.targetMaps())
                .containsExactly(java.util.Map.of("kind", "ConfigMap", "namespace", NS, "name", "settings"));
        assertThat(console.text()).contains("configmap/settings in test is gone.");
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get())
                .isNull();
    }

    @Test
    void noWaitEndsOnceTheChangeIsMade() throws Exception {
        OperationResult result = run(ScaleRequest.builder()
                .target("deploy web")
                .namespace(NS)
                .replicas(4)
                .waitForCompletion(false)
                .build());

        assertThat(result.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("web")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
        assertThat(console.text()).doesNotContain("Waiting for");
    }

    @Test
    void aWorkloadThatNeverBecomesStableTimesOutSayingWhatIsUnmet() throws Exception {
        OperationResult result = run(ScaleRequest.builder()
                .target("deployment web")
                .namespace(NS)
                .replicas(2)
                .timeout(Duration.ofSeconds(2))
                .build());

        assertThat(result.status()).isEqualTo(OperationStatus.TIMED_OUT);
        assertThat(result.failure().reason()).isEqualTo("TimedOut");
        assertThat(result.failure().message()).startsWith("not stable before the timeout:\ndeployment/web in test: ");
    }

    @Test
    void cancelWhileWaitingEndsCancelledWithTheReason() throws Exception {
        RunningOperation running = new ManifestOperations(client)
                .start(
                        ScaleRequest.builder()
                                .target("deployment web")
                                .namespace(NS)
                                .replicas(2)
                                .build(),
                        console);
        while (!console.text().contains("Waiting for")) {
            Thread.sleep(20);
        }
        running.cancel("build aborted");

        OperationResult result = running.result().get(30, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(result.failure().message()).isEqualTo("build aborted");
        assertThat(running.handle().acting()).isFalse();
    }

    private OperationResult run(OperationRequest request) throws Exception {
        return new ManifestOperations(client).start(request, console).result().get(30, TimeUnit.SECONDS);
    }
}
