package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a deploy costs the API server, and input only the cluster can judge. */
class DeployRequestsIT {

    /** A client built like the CLI's that records every request it sends. */
    private static KubernetesClient countingClient(List<String> requests) throws Exception {
        String kubeconfig = Files.readString(EngineCluster.cluster().adminKubeconfig());
        var config = ClientFactory.config(
                new ClusterConnection(null, null, false, null, new ClusterCredentials.Kubeconfig(kubeconfig, null)));
        Interceptor counter = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                requests.add(request.method() + " " + request.uri().getPath()
                        + (request.uri().getQuery() == null
                                ? ""
                                : "?" + request.uri().getQuery()));
            }
        };
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter))
                .build();
    }

    private static List<String> requestsOfAWaitOf(Duration wait) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (KubernetesClient client = countingClient(requests)) {
            String ns = DeployFixtures.namespace(client, "cost");
            requests.clear();
            String manifest = DeployFixtures.deployment("never", "does-not-exist:1", 1, "") + "---\n"
                    + DeployFixtures.deployment("ready", "web:1", 1, "");
            RecordedConsole console = new RecordedConsole();
            DeployResult result = DeployFixtures.deploy(client, console, manifest, ns, b -> b.timeout(wait));
            assertStatus(result, console, DeployStatus.TIMED_OUT);
            return List.copyOf(requests);
        }
    }

    @Test
    void waitingLongerSendsNoMoreRequests() throws Exception {
        List<String> short10 = requestsOfAWaitOf(Duration.ofSeconds(10));
        List<String> long60 = requestsOfAWaitOf(Duration.ofSeconds(60));
        System.out.println("requests of a 10 s wait (" + short10.size() + "):\n  " + String.join("\n  ", short10));
        System.out.println("requests of a 60 s wait (" + long60.size() + "):\n  " + String.join("\n  ", long60));
        assertThat(long60.size()).as("60 s: %s%n10 s: %s", long60, short10).isEqualTo(short10.size());
        // two objects of one kind in one namespace: one watch, not one per object
        assertThat(short10.stream().filter(r -> r.contains("watch=true")).count())
                .isEqualTo(1);
    }

    @Test
    void anUnknownKindIsNamedAndNothingIsApplied() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (KubernetesClient client = countingClient(requests)) {
            String ns = DeployFixtures.namespace(client, "unknown");
            requests.clear();
            String manifests =
                    """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: fine}
                    ---
                    apiVersion: apps/v1
                    kind: Deploymnet
                    metadata: {name: typo}
                    """;
            assertThatThrownBy(() -> new Deployer(client)
                            .start(DeployFixtures.request(manifests, ns).build(), new RecordedConsole()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(
                            "it.yaml:5:1: kind Deploymnet of apiVersion apps/v1 is unknown to the cluster");
            assertThat(requests).allMatch(r -> r.startsWith("GET "));
            assertThat(client.configMaps().inNamespace(ns).withName("fine-v000").get())
                    .isNull();
        }
    }

    @Test
    void anApplyTheAccountMayNotMakeIsAClusterProblemNamingTheObject() {
        try (KubernetesClient limited =
                EngineCluster.client(EngineCluster.cluster().limitedKubeconfig())) {
            RecordedConsole console = new RecordedConsole();
            DeployResult result = DeployFixtures.deploy(
                    limited, console, DeployFixtures.deployment("web", "web:1", 1, ""), "limited", b -> {});
            assertStatus(result, console, DeployStatus.FAILED);
            assertThat(result.failure().reason()).isEqualTo("Forbidden");
            assertThat(result.failure().clusterProblem()).isTrue();
            assertThat(result.failure().message())
                    .contains("deployment/web in limited")
                    .contains("HTTP 403");
        }
    }
}
