package io.jenkins.plugins.kubesteps.engine.connect;

import static io.jenkins.plugins.kubesteps.engine.connect.ConnectFixtures.DECOY_TOKEN;
import static io.jenkins.plugins.kubesteps.engine.connect.ConnectFixtures.TOKEN;
import static io.jenkins.plugins.kubesteps.engine.connect.ConnectFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.Kubeconfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeconfigTest {
    private static final String TWO_CONTEXTS =
            """
            apiVersion: v1
            kind: Config
            current-context: dev
            contexts:
            - name: dev
              context: {cluster: dev-cluster, user: dev-user, namespace: dev-ns}
            - name: prod
              context: {cluster: prod-cluster, user: prod-user}
            clusters:
            - name: dev-cluster
              cluster: {server: "https://dev.example.com:6443", insecure-skip-tls-verify: true}
            - name: prod-cluster
              cluster:
                server: https://prod.example.com
                certificate-authority-data: %s
            users:
            - name: dev-user
              user: {token: dev-token}
            - name: prod-user
              user: {token: %s}
            """
                    .formatted(b64(pem("ca.crt")), TOKEN);

    @TempDir
    Path tmp;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** An exec plugin that only leaves {@code marker} behind: proof that it ran. */
    private Path markerPlugin(Path marker) throws IOException {
        Path plugin = tmp.resolve("evil-plugin.sh");
        Files.writeString(plugin, "#!/bin/sh\ntouch " + marker + "\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        return plugin;
    }

    private static Config config(String text, String context) {
        return ClientFactory.config(new ClusterConnection(null, null, false, null, new Kubeconfig(text, context)));
    }

    @Test
    void usesTheCurrentContextByDefault() {
        Config c = config(TWO_CONTEXTS, null);
        assertThat(c.getMasterUrl()).isEqualTo("https://dev.example.com:6443/");
        assertThat(c.getAutoOAuthToken()).isEqualTo("dev-token");
        assertThat(c.getNamespace()).isEqualTo("dev-ns");
        assertThat(c.isTrustCerts()).isTrue();
    }

    @Test
    void picksTheNamedContext() {
        Config c = config(TWO_CONTEXTS, "prod");
        assertThat(c.getMasterUrl()).isEqualTo("https://prod.example.com/");
        assertThat(c.getAutoOAuthToken()).isEqualTo(TOKEN);
        assertThat(c.getNamespace()).isEqualTo("default");
        assertThat(c.isTrustCerts()).isFalse();
        assertThat(c.getCaCertData()).isNotBlank();
        assertThat(c.getConnectionTimeout()).isEqualTo(ClientFactory.CONNECTION_TIMEOUT_MS);
    }

    @Test
    void connectionSettingsOverrideTheKubeconfig() {
        Config c = ClientFactory.config(new ClusterConnection(
                "https://other.example.com", null, false, "override", new Kubeconfig(TWO_CONTEXTS, "dev")));
        assertThat(c.getMasterUrl()).isEqualTo("https://other.example.com/");
        assertThat(c.getNamespace()).isEqualTo("override");
    }

    @Test
    void anUnknownContextListsTheAvailableOnes() {
        assertThatThrownBy(() -> config(TWO_CONTEXTS, "staging"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("kubeconfig: context 'staging' does not exist; available contexts: dev, prod");
        assertThatThrownBy(() -> config(TWO_CONTEXTS.replace("current-context: dev\n", ""), null))
                .hasMessageContaining("has no current-context")
                .hasMessageContaining("dev, prod");
        assertThat(ClientFactory.contextNames(TWO_CONTEXTS)).containsExactly("dev", "prod");
    }

    @Test
    void missingClusterOrUserIsAnError() {
        assertThatThrownBy(() -> config(TWO_CONTEXTS.replace("cluster: prod-cluster,", "cluster: nope,"), "prod"))
                .hasMessageContaining("refers to cluster 'nope'");
        assertThatThrownBy(() -> config(TWO_CONTEXTS.replace("user: dev-user,", "user: ghost,"), "dev"))
                .hasMessageContaining("refers to user 'ghost'");
    }

    @Test
    void theMachinesOwnKubeconfigIsNeverMerged() throws Exception {
        String noUser = TWO_CONTEXTS.replace("user: dev-user, ", "");
        try (ConnectFixtures.Decoy decoy = ConnectFixtures.decoy(tmp)) {
            Config c = config(noUser, "dev");
            assertThat(c.getMasterUrl()).isEqualTo("https://dev.example.com:6443/");
            assertThat(c.getAutoOAuthToken()).isNull();
            assertThat(c.getOauthToken()).isNull();
            assertThat(c.getUsername()).isNull();
            assertThat(c.getNamespace()).isEqualTo("dev-ns");
            assertThat(c.getContexts()).extracting(ctx -> ctx.getName()).doesNotContain("decoy");
            assertThat(String.valueOf(c.getAutoOAuthToken())).doesNotContain(DECOY_TOKEN);
        }
    }

    @Test
    void unparsableKubeconfigNeverQuotesIt() {
        String broken = "users:\n- name: u\n  user: {token: " + TOKEN + "\n  bad: [\n";
        assertThatThrownBy(() -> config(broken, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("kubeconfig:")
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining(TOKEN)
                .hasNoCause();
        assertThatThrownBy(() -> config("contexts: " + TOKEN + "\n", null))
                .hasMessageContaining("contexts has the wrong type")
                .hasMessageNotContaining(TOKEN)
                .hasNoCause();
        assertThatThrownBy(() -> config("", null)).hasMessage("kubeconfig is empty");
    }

    @Test
    void embeddedClientCertificatesAreChecked() {
        String withCert = TWO_CONTEXTS.replace(
                "user: {token: dev-token}",
                "user: {client-certificate-data: " + b64(pem("ec.crt")) + ", client-key-data: "
                        + b64(pem("ec-pkcs8.key")) + "}");
        Config c = config(withCert, "dev");
        assertThat(c.getClientCertData()).isNotBlank();
        assertThat(c.getClientKeyAlgo())
                .as("a PKCS#8 EC key is not mistaken for RSA")
                .isEqualTo("EC");

        String badKey = withCert.replace(b64(pem("ec-pkcs8.key")), b64("-----BEGIN PRIVATE KEY-----\nAAAA\n"));
        assertThatThrownBy(() -> config(badKey, "dev"))
                .hasMessageStartingWith("kubeconfig user 'dev-user' client certificate: the private key");
    }

    @Test
    void anExecPluginIsRunAndRunAgainWhenItsTokenIsOld() throws Exception {
        Path plugin = tmp.resolve("token-plugin.sh");
        Path counter = tmp.resolve("count");
        Files.writeString(
                plugin,
                """
                #!/bin/sh
                n=$(cat %1$s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %1$s
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",\
                "status":{"token":"exec-token-'$n'"}}'
                """
                        .formatted(counter));
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        String text = TWO_CONTEXTS.replace(
                "user: {token: dev-token}",
                "user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: " + plugin + "}");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Config c = Kubeconfigs.toConfig(text, "dev", true, null, clock);
        assertThat(c.getAutoOAuthToken()).isEqualTo("exec-token-1");
        assertThat(c.getOauthTokenProvider().getToken()).isEqualTo("exec-token-1");
        now[0] = start.plus(Kubeconfigs.ExecToken.MAX_AGE);
        assertThat(c.getOauthTokenProvider().getToken()).isEqualTo("exec-token-2");
        assertThat(c.getOauthTokenProvider().getToken()).as("fresh again").isEqualTo("exec-token-2");
    }

    @Test
    void anExecPluginThatGivesNothingIsReportedByName() {
        String text = TWO_CONTEXTS.replace(
                "user: {token: dev-token}",
                "user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: /nonexistent/kube-login}");
        assertThatThrownBy(() -> config(text, "dev"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("kubeconfig user 'dev-user': its exec plugin '/nonexistent/kube-login'")
                .hasMessageContaining("on the PATH");
    }

    @Test
    void anExecPluginIsRefusedWithoutRunningItWhenExecIsNotAllowed() throws Exception {
        Path ran = tmp.resolve("ran");
        Path plugin = markerPlugin(ran);
        String text = TWO_CONTEXTS.replace(
                "user: {token: dev-token}",
                "user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: " + plugin + "}");
        assertThatThrownBy(() -> Kubeconfigs.toConfig(text, "dev", false, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("user 'dev-user'")
                .hasMessageContaining(plugin.toString())
                .hasMessageContaining("not allowed");
        assertThat(ran).as("the command must not have run").doesNotExist();
        assertThat(Kubeconfigs.toConfig(TWO_CONTEXTS, "dev", false, null).getAutoOAuthToken())
                .as("a token user is unaffected")
                .isEqualTo("dev-token");
    }

    @ParameterizedTest
    @CsvSource({
        "'cluster: {server: \"https://dev.example.com:6443\", insecure-skip-tls-verify: true}',"
                + "'cluster: {server: \"https://dev.example.com:6443\", certificate-authority: /var/jenkins_home/secret.key}',"
                + "certificate-authority",
        "'user: {token: dev-token}', 'user: {client-certificate: /etc/x.crt, client-key-data: eA==}', client-certificate",
        "'user: {token: dev-token}', 'user: {client-certificate-data: eA==, client-key: /etc/x.key}', client-key",
        "'user: {token: dev-token}', 'user: {tokenFile: /var/jenkins_home/secrets/master.key}', tokenFile"
    })
    void filePathsAreRefusedWhereExecIsNotAllowed(String original, String replacement, String field) {
        String text = TWO_CONTEXTS.replace(original, replacement);
        assertThat(text).isNotEqualTo(TWO_CONTEXTS);
        assertThatThrownBy(() -> Kubeconfigs.toConfig(text, "dev", false, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + field + "' names a file")
                .hasMessageContaining("Put the content in");
    }

    /**
     * fabric8 keeps the last of two entries named alike; a check that read the first would pass a
     * kubeconfig whose second user runs a command.
     */
    @Test
    void aSecondUserOfTheSameNameCannotSlipAnExecPluginPastTheCheck() throws Exception {
        Path ran = tmp.resolve("ran");
        Path plugin = markerPlugin(ran);
        String text = TWO_CONTEXTS.replace(
                "- name: prod-user",
                "- name: dev-user\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: " + plugin
                        + "}\n- name: prod-user");
        for (boolean allowExec : new boolean[] {false, true}) {
            assertThatThrownBy(() -> Kubeconfigs.toConfig(text, "dev", allowExec, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("kubeconfig: users names 'dev-user' more than once; each name must be unique"
                            + " (kubectl refuses such a file too). Remove or rename the extra entries.");
        }
        assertThat(ran).as("the command must not have run").doesNotExist();
    }

    @Test
    void aSecondClusterOfTheSameNameCannotSlipAFilePathPastTheCheck() {
        String text = TWO_CONTEXTS.replace(
                "- name: prod-cluster",
                "- name: dev-cluster\n  cluster: {server: \"https://dev.example.com:6443\","
                        + " certificate-authority: /var/jenkins_home/secret.key}\n- name: prod-cluster");
        assertThatThrownBy(() -> Kubeconfigs.toConfig(text, "prod", false, "creds.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("creds.yaml: clusters names 'dev-cluster' more than once");
    }

    @Test
    void duplicateContextsAreRefusedNamingThem() {
        String text = TWO_CONTEXTS.replace(
                "- name: prod\n", "- name: dev\n  context: {cluster: prod-cluster, user: prod-user}\n- name: prod\n");
        assertThatThrownBy(() -> config(text, "prod")).hasMessageStartingWith("kubeconfig: contexts names 'dev'");
    }

    @Test
    void fabric8SeesOnlyTheChosenContextClusterAndUser() {
        // another context's user runs a command: not chosen, so never handed to fabric8 at all
        String text = TWO_CONTEXTS.replace(
                "user: {token: %s}".formatted(TOKEN),
                "user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: /nonexistent/login}");
        Config c = Kubeconfigs.toConfig(text, "dev", false, null);
        assertThat(c.getAutoOAuthToken()).isEqualTo("dev-token");
        assertThat(c.getContexts()).extracting(ctx -> ctx.getName()).containsExactly("dev");
    }
}
