package io.jenkins.plugins.kubesteps.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployRequest;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.deploy.RunningDeploy;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the deploy integration tests share: a namespace of their own per test (a reused cluster
 * keeps what earlier runs deployed), manifests of Deployments the simulated node makes available
 * (a container without command idles, and is ready), and running a deploy to its end.
 */
final class DeployFixtures {
    static final Duration DEPLOY_LIMIT = Duration.ofMinutes(3);

    private DeployFixtures() {}

    /** A new namespace with a unique name. */
    static String namespace(KubernetesClient client, String prefix) {
        String name = EngineCluster.unique(prefix);
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .serverSideApply();
        return name;
    }

    /** A Deployment of one container that idles (ready) on the simulated node. */
    static String deployment(String name, String image, int replicas, String podSpecExtra) {
        return deployment(name, image, replicas, "", podSpecExtra);
    }

    /** As above, with more fields of the container ({@code containerExtra}) and of the pod spec. */
    static String deployment(String name, String image, int replicas, String containerExtra, String podSpecExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: main
                        image: %s
                %s%s"""
                .formatted(name, replicas, name, name, image, indent(containerExtra, 8), indent(podSpecExtra, 6));
    }

    private static String indent(String text, int spaces) {
        return text.isBlank() ? "" : EngineCluster.indent(text, spaces);
    }

    static DeployRequest.Builder request(String manifests, String namespace) {
        return DeployRequest.builder()
                .manifest(manifests, "it.yaml")
                .namespace(namespace)
                .application("it")
                .timeout(DEPLOY_LIMIT);
    }

    static DeployResult deploy(KubernetesClient client, RecordedConsole console, DeployRequest request) {
        return await(new Deployer(client).start(request, console));
    }

    static DeployResult deploy(
            KubernetesClient client,
            RecordedConsole console,
            String manifests,
            String namespace,
            Consumer<DeployRequest.Builder> options) {
        DeployRequest.Builder b = request(manifests, namespace);
        options.accept(b);
        return deploy(client, console, b.build());
    }

    static DeployResult await(RunningDeploy running) {
        return EngineCluster.await(
                running.result(), DEPLOY_LIMIT, "the deploy", () -> running.cancel("the test gave up"));
    }

    static void assertStatus(DeployResult result, RecordedConsole console, DeployStatus expected) {
        assertThat(result.status())
                .as("status; console was:\n%s\nfailure: %s", console.text(), result.failure())
                .isEqualTo(expected);
    }

    static DeployedObject object(DeployResult result, String kind, String name) {
        return result.objects().stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + result.objects()));
    }

    static GenericKubernetesResource live(
            KubernetesClient client, String apiVersion, String kind, String ns, String name) {
        return client.genericKubernetesResources(apiVersion, kind)
                .inNamespace(ns)
                .withName(name)
                .get();
    }
}
