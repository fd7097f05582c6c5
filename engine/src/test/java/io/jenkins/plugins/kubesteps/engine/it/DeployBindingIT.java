package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Artifact binding and metadata on the real cluster; the pods only start when the rewrite is right. */
class DeployBindingIT {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
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

    @Test
    void bindsImagesAndTheVersionedConfigMapAndTheDeploymentBecomesAvailable() {
        String ns = DeployFixtures.namespace(client, "bind");
        String manifests =
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {COLOR: blue}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: report, image: "registry:5000/team/app:latest", command: ["true"]}]
                ---
                """
                        + DeployFixtures.deployment(
                                "web",
                                "registry:5000/team/app:latest",
                                2,
                                """
                envFrom: [{configMapRef: {name: settings}}]
                """,
                                """
                initContainers:
                - {name: migrate, image: "registry:5000/team/migrate", command: ["true"]}
                volumes:
                - {name: settings, configMap: {name: settings}}
                """);
        RecordedConsole console = new RecordedConsole();
        DeployResult result = deploy(client, console, manifests, ns, b -> b.artifact(
                        "registry:5000/team/app", "registry:5000/team/app:1.4.2")
                .artifact("registry:5000/team/migrate", "registry:5000/team/migrate@" + DIGEST)
                .requiredArtifact("registry:5000/team/app"));

        assertStatus(result, console, DeployStatus.SUCCEEDED);
        assertThat(result.objects())
                .extracting(DeployedObject::kind)
                .containsExactly("ConfigMap", "CronJob", "Deployment");
        DeployedObject cm = DeployFixtures.object(result, "ConfigMap", "settings-v000");
        assertThat(cm.version()).isEqualTo("v000");
        assertThat(cm.cluster()).isEqualTo("configMap settings");
        assertThat(cm.namespace()).isEqualTo(ns);
        assertThat(DeployFixtures.object(result, "Deployment", "web").status()).isEqualTo(DeployedObject.STABLE);

        Deployment web =
                client.apps().deployments().inNamespace(ns).withName("web").get();
        var pod = web.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry:5000/team/app:1.4.2");
        assertThat(pod.getInitContainers().get(0).getImage()).isEqualTo("registry:5000/team/migrate@" + DIGEST);
        assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("settings-v000");
        assertThat(pod.getContainers()
                        .get(0)
                        .getEnvFrom()
                        .get(0)
                        .getConfigMapRef()
                        .getName())
                .isEqualTo("settings-v000");
        assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(2);
        CronJob cron = client.batch()
                .v1()
                .cronjobs()
                .inNamespace(ns)
                .withName("nightly")
                .get();
        assertThat(cron.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry:5000/team/app:1.4.2");

        Map<String, String> annotations = web.getMetadata().getAnnotations();
        assertThat(annotations)
                .containsEntry("moniker.spinnaker.io/application", "it")
                .containsEntry("moniker.spinnaker.io/cluster", "deployment web")
                .containsEntry("artifact.spinnaker.io/type", "kubernetes/deployment")
                .containsEntry("artifact.spinnaker.io/name", "web")
                .containsEntry("artifact.spinnaker.io/location", ns);
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "kubesteps");
        assertThat(web.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("moniker.spinnaker.io/cluster", "deployment web");
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withName("settings-v000")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("moniker.spinnaker.io/sequence", "0")
                .containsEntry("artifact.spinnaker.io/version", "v000");
        assertThat(console.lines()).anyMatch(l -> l.equals("deployment/web: 2/2 ready"));
    }

    @Test
    void theUsersMonikerIsKeptAndAMissingRequiredArtifactAppliesNothing() {
        String ns = DeployFixtures.namespace(client, "req");
        String manifests =
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first
                  annotations: {moniker.spinnaker.io/application: mine}
                data: {a: "1"}
                ---
                """
                        + DeployFixtures.deployment("api", "registry:5000/team/api:1", 1, "");
        RecordedConsole console = new RecordedConsole();
        assertThatThrownBy(() -> new Deployer(client)
                        .start(
                                DeployFixtures.request(manifests, ns)
                                        .artifact("registry:5000/team/api", "registry:5000/team/api:2")
                                        .requiredArtifact("registry:5000/team/api")
                                        .requiredArtifact("registry:5000/team/db")
                                        .build(),
                                console))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registry:5000/team/db (no artifact of that name was given)")
                .hasMessageNotContaining("team/api (")
                .hasMessageContaining("Nothing was applied");
        assertThat(client.configMaps().inNamespace(ns).list().getItems())
                .noneMatch(c -> c.getMetadata().getName().startsWith("first"));
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems())
                .isEmpty();

        DeployResult result = deploy(client, console, manifests, ns, b -> b.waitForStable(false));
        assertStatus(result, console, DeployStatus.SUCCEEDED);
        assertThat(DeployFixtures.object(result, "ConfigMap", "first-v000").application())
                .isEqualTo("mine");
        assertThat(DeployFixtures.object(result, "ConfigMap", "first-v000").status())
                .isEqualTo(DeployedObject.APPLIED);
        assertThat(DeployFixtures.object(result, "Deployment", "api").application())
                .isEqualTo("it");
    }
}
