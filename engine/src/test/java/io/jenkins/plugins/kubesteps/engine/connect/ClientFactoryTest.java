package io.jenkins.plugins.kubesteps.engine.connect;

import static io.jenkins.plugins.kubesteps.engine.connect.ConnectFixtures.TOKEN;
import static io.jenkins.plugins.kubesteps.engine.connect.ConnectFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.BearerToken;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.ClientCertificate;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.None;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.UsernamePassword;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientFactoryTest {
    private static final String SERVER = "https://k8s.example.com:6443";

    @TempDir
    Path tmp;

    private static ClusterConnection conn(ClusterCredentials credentials) {
        return new ClusterConnection(SERVER, null, false, null, credentials);
    }

    @Test
    void bearerTokenConfig() {
        Config c = ClientFactory.config(conn(new BearerToken(TOKEN + "\n")));
        assertThat(c.getMasterUrl()).isEqualTo(SERVER + "/");
        assertThat(c.getOauthToken()).isEqualTo(TOKEN);
        assertThat(c.getNamespace()).isEqualTo("default");
        assertThat(c.isTrustCerts()).isFalse();
        assertThat(c.getConnectionTimeout()).isEqualTo(10_000);
        assertThat(c.getRequestTimeout()).isEqualTo(30_000);
    }

    @Test
    void tokenVariantsIgnoreDecoyKubeconfigAndSystemProperties() throws Exception {
        try (ConnectFixtures.Decoy decoy = ConnectFixtures.decoy(tmp)) {
            Config token = ClientFactory.config(conn(new BearerToken(TOKEN)));
            assertThat(token.getMasterUrl()).isEqualTo(SERVER + "/");
            assertThat(token.getAutoOAuthToken()).isNull();
            assertThat(token.getNamespace()).isEqualTo("default");
            assertThat(token.getUsername()).isNull();
            assertThat(token.isTrustCerts()).isFalse();

            Config none = ClientFactory.config(conn(new None()));
            assertThat(none.getOauthToken()).isNull();
            assertThat(none.getAutoOAuthToken()).isNull();
            assertThat(none.getUsername()).isNull();
            assertThat(none.getPassword()).isNull();

            Config cert = ClientFactory.config(conn(new ClientCertificate(pem("rsa.crt"), pem("rsa-pkcs8.key"))));
            assertThat(cert.getAutoOAuthToken()).isNull();
            assertThat(cert.getCurrentContext()).isNull();
        }
    }

    @Test
    void theServerReceivesOurTokenAndNotTheDecoys() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (ConnectFixtures.Decoy decoy = ConnectFixtures.decoy(tmp)) {
            server.expect()
                    .get()
                    .withPath("/api/v1/namespaces/default/configmaps")
                    .andReturn(200, "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"items\":[]}")
                    .once();
            ClusterConnection c = new ClusterConnection(server.url("/"), null, false, null, new BearerToken(TOKEN));
            try (KubernetesClient client = ClientFactory.client(c)) {
                client.configMaps().list();
            }
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        } finally {
            server.destroy();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rsa.crt,rsa-pkcs1.key,RSA",
        "rsa.crt,rsa-pkcs8.key,RSA",
        "ec.crt,ec-sec1.key,EC",
        "ec.crt,ec-pkcs8.key,EC"
    })
    void clientCertificateConfigForEveryKeyFormat(String cert, String key, String algorithm) {
        Config c = ClientFactory.config(conn(new ClientCertificate(pem(cert), pem(key))));
        assertThat(c.getClientKeyAlgo()).isEqualTo(algorithm);
        assertThat(new String(Base64.getDecoder().decode(c.getClientCertData()), StandardCharsets.US_ASCII))
                .isEqualTo(pem(cert).strip());
        assertThat(c.getClientKeyData()).isNotBlank();
        try (KubernetesClient client = ClientFactory.client(conn(new ClientCertificate(pem(cert), pem(key))))) {
            assertThat(client.getMasterUrl().toString()).isEqualTo(SERVER + "/");
        }
    }

    @Test
    void aBadKeyOrCertificateIsReportedWithoutQuotingIt() {
        String key = pem("rsa-pkcs8.key");
        String damaged = key.replace(key.substring(60, 90), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThatThrownBy(() -> ClientFactory.config(conn(new ClientCertificate(pem("rsa.crt"), damaged))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("client certificate: the private key is neither an RSA nor an EC key, or is damaged")
                .hasNoCause();
        String pkcs1 = pem("rsa-pkcs1.key");
        String damaged1 = pkcs1.replace(pkcs1.substring(70, 100), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThatThrownBy(() -> ClientFactory.config(conn(new ClientCertificate(pem("rsa.crt"), damaged1))))
                .hasMessageStartingWith("client certificate: the RSA private key cannot be read")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(damaged1.substring(40, 70)));
        assertThatThrownBy(() -> ClientFactory.config(conn(new ClientCertificate("not a cert", key))))
                .hasMessageStartingWith("client certificate is not PEM");
        assertThatThrownBy(() -> ClientFactory.config(conn(new ClientCertificate(pem("rsa.crt"), "garbage"))))
                .hasMessageContaining("is not a PEM private key")
                .hasMessageNotContaining("garbage");
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assertThatThrownBy(() -> ClientFactory.config(conn(new ClientCertificate(pem("rsa.crt"), encrypted))))
                .hasMessageContaining("encrypted with a passphrase");
    }

    @Test
    void usernamePasswordConfig() {
        Config c = ClientFactory.config(conn(new UsernamePassword("alice", "pa55word")));
        assertThat(c.getUsername()).isEqualTo("alice");
        assertThat(c.getPassword()).isEqualTo("pa55word");
        assertThat(c.getOauthToken()).isNull();
        assertThatThrownBy(() -> ClientFactory.config(conn(new UsernamePassword("alice", ""))))
                .hasMessageContaining("need both a username and a password");
    }

    @Test
    void caCertificateSkipTlsAndNamespaceApply() {
        Config c = ClientFactory.config(
                new ClusterConnection(SERVER, pem("ca.crt"), false, "team-a", new BearerToken(TOKEN)));
        assertThat(new String(Base64.getDecoder().decode(c.getCaCertData()), StandardCharsets.US_ASCII))
                .contains("BEGIN CERTIFICATE");
        assertThat(c.getNamespace()).isEqualTo("team-a");
        assertThat(c.isTrustCerts()).isFalse();

        Config insecure = ClientFactory.config(new ClusterConnection(SERVER, null, true, null, new BearerToken(TOKEN)));
        assertThat(insecure.isTrustCerts()).isTrue();
        assertThat(insecure.isDisableHostnameVerification()).isTrue();

        assertThatThrownBy(() -> ClientFactory.config(
                        new ClusterConnection(SERVER, "-----BEGIN CERTIFICATE-----\nxx\n", false, null, new None())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("CA certificate cannot be read");
    }

    @Test
    void serverUrlIsRequiredAndChecked() {
        assertThatThrownBy(() ->
                        ClientFactory.config(new ClusterConnection(null, null, false, null, new BearerToken(TOKEN))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("server URL")
                .hasMessageContaining("bearer token");
        assertThatThrownBy(() -> ClientFactory.config(
                        new ClusterConnection("k8s.example.com", null, false, null, new BearerToken(TOKEN))))
                .hasMessageContaining("write it as https://host:port");
        assertThatThrownBy(() -> ClientFactory.config(
                        new ClusterConnection("https://u:pw@k8s.example.com", null, false, null, new None())))
                .hasMessageNotContaining("pw@");
    }

    @Test
    void toStringsHideSecrets() {
        String key = pem("rsa-pkcs8.key");
        ClusterConnection[] connections = {
            conn(new BearerToken(TOKEN)),
            conn(new UsernamePassword("alice", "pa55word")),
            conn(new ClientCertificate(pem("rsa.crt"), key)),
            conn(new ClusterCredentials.Kubeconfig("users: [{user: {token: " + TOKEN + "}}]", "ctx"))
        };
        for (ClusterConnection c : connections) {
            assertThat(c.toString())
                    .doesNotContain(TOKEN)
                    .doesNotContain("pa55word")
                    .doesNotContain("PRIVATE KEY")
                    .contains(SERVER);
        }
        assertThat(new ClusterConnection("https://bob:hunter2@k8s.example.com", null, false, null, new None())
                        .toString())
                .doesNotContain("hunter2")
                .contains("https://k8s.example.com");
    }
}
