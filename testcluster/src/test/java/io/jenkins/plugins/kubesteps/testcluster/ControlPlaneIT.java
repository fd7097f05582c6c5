package io.jenkins.plugins.kubesteps.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API server, its certificates and the two kubeconfigs, as a test author relies on them. */
class ControlPlaneIT {

    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.shared();
    }

    @Test
    void apiServerIsTheRealOneOnLoopback() {
        assertThat(cluster.apiServerUrl()).matches("https://127\\.0\\.0\\.1:\\d+");
        ClusterScript.Result readyz = cluster.kubectl("get", "--raw", "/readyz");
        assertThat(readyz.ok()).as(readyz.output()).isTrue();
        assertThat(readyz.stdout()).isEqualTo("ok");
        ClusterScript.Result version = cluster.kubectl("version", "-o", "json");
        assertThat(version.stdout()).contains("\"gitVersion\": \"v1.34.4\"");
    }

    @Test
    void fabric8ClientFromTheAdminKubeconfigWorks() {
        KubernetesClient client = cluster.client();
        assertThat(client.getMasterUrl().toString()).startsWith(cluster.apiServerUrl());
        assertThat(client.namespaces().withName("limited").get()).isNotNull();
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.34.4");
    }

    @Test
    void kubeconfigsAreReadableOnlyByTheirOwner() throws Exception {
        for (var kubeconfig : new java.nio.file.Path[] {cluster.adminKubeconfig(), cluster.limitedKubeconfig()}) {
            assertThat(Files.getPosixFilePermissions(kubeconfig))
                    .as(kubeconfig.toString())
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
    }

    @Test
    void limitedKubeconfigIsForbiddenOutsideItsNamespace() {
        ClusterScript.Result pods = cluster.kubectlAs(cluster.limitedKubeconfig(), "get", "pods", "-n", "default");
        assertThat(pods.ok()).isFalse();
        assertThat(pods.stderr())
                .contains("Forbidden")
                .contains("system:serviceaccount:limited:limited")
                .contains("cannot list resource \"pods\"")
                .contains("in the namespace \"default\"");

        try (KubernetesClient limited = TestCluster.newClient(cluster.limitedKubeconfig())) {
            assertThatThrownBy(() ->
                            limited.batch().v1().jobs().inNamespace("default").list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                            .isEqualTo(403));
            assertThatThrownBy(() -> limited.secrets().inNamespace("limited").list())
                    .as("secrets are not in the limited Role")
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                            .isEqualTo(403));
        }
    }

    @Test
    void limitedKubeconfigMayWorkInItsNamespace() {
        try (KubernetesClient limited = TestCluster.newClient(cluster.limitedKubeconfig())) {
            assertThat(limited.getNamespace()).isEqualTo("limited");
            String name = "it-" + Long.toHexString(System.nanoTime());
            limited.configMaps()
                    .inNamespace("limited")
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .addToData("key", "value")
                            .build())
                    .create();
            assertThat(limited.configMaps()
                            .inNamespace("limited")
                            .withName(name)
                            .get()
                            .getData())
                    .containsEntry("key", "value");
            limited.configMaps().inNamespace("limited").withName(name).delete();
            assertThat(limited.batch().v1().jobs().inNamespace("limited").list().getItems())
                    .isNotNull();
        }
        ClusterScript.Result canLog = cluster.kubectlAs(
                cluster.limitedKubeconfig(), "auth", "can-i", "get", "pods", "--subresource=log", "-n", "limited");
        assertThat(canLog.stdout().strip()).isEqualTo("yes");
    }
}
