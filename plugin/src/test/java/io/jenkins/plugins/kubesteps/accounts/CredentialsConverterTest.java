package io.jenkins.plugins.kubesteps.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four kinds of credentials Kubernetes users expect, as the engine needs them. */
class CredentialsConverterTest {

    @Test
    void secretFileIsAKubeconfig() throws Exception {
        FileCredentials file = mock(FileCredentials.class);
        when(file.getContent())
                .thenReturn(
                        new ByteArrayInputStream("apiVersion: v1\nkind: Config\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(CredentialsConverter.convert(file, false))
                .as("exec plugins stay off unless the administrator's setting is passed")
                .isEqualTo(new ClusterCredentials.Kubeconfig("apiVersion: v1\nkind: Config\n", null, false));
    }

    @Test
    void secretTextIsABearerToken() throws Exception {
        StringCredentials token = mock(StringCredentials.class);
        when(token.getSecret()).thenReturn(Secret.fromString("abc.def"));
        assertThat(CredentialsConverter.convert(token, false)).isEqualTo(new ClusterCredentials.BearerToken("abc.def"));
    }

    @Test
    void usernameWithPassword() throws Exception {
        StandardUsernamePasswordCredentials user = mock(StandardUsernamePasswordCredentials.class);
        when(user.getUsername()).thenReturn("admin");
        when(user.getPassword()).thenReturn(Secret.fromString("pw"));
        assertThat(CredentialsConverter.convert(user, false))
                .isEqualTo(new ClusterCredentials.UsernamePassword("admin", "pw"));
    }

    @Test
    void certificateBecomesPemCertificateAndKey(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("client.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "client",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=jenkins",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        StandardCertificateCredentials certificate = mock(StandardCertificateCredentials.class);
        when(certificate.getKeyStore()).thenReturn(keyStore);
        when(certificate.getPassword()).thenReturn(Secret.fromString("changeit"));

        ClusterCredentials.ClientCertificate pem =
                (ClusterCredentials.ClientCertificate) CredentialsConverter.convert(certificate, false);

        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(pem.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed).isEqualTo(keyStore.getCertificate("client"));
        assertThat(pem.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        String body = pem.privateKeyPem().replaceAll("-----[A-Z ]+-----|\\s", "");
        assertThat(Base64.getDecoder().decode(body))
                .isEqualTo(keyStore.getKey("client", "changeit".toCharArray()).getEncoded());
    }

    @Test
    void otherKindsAreRefusedNamingTheIdOnly() {
        StandardCredentials ssh = mock(StandardCredentials.class);
        when(ssh.getId()).thenReturn("deploy-key");
        assertThatThrownBy(() -> CredentialsConverter.convert(ssh, false))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("deploy-key");
    }
}
