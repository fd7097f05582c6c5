package io.jenkins.plugins.kubesteps.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InClusterAccountTest {
    private static final Map<String, String> ENV =
            Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

    @TempDir
    Path sa;

    private Config config(Map<String, String> env, String server) {
        return ClientFactory.config(
                new ClusterConnection(server, null, false, null, new ClusterCredentials.InCluster()), sa, env);
    }

    @Test
    void readsServerTokenCaAndNamespaceFromThePod() throws Exception {
        Files.writeString(sa.resolve("token"), "sa-token-1\n");
        Files.writeString(sa.resolve("ca.crt"), ConnectFixtures.pem("ca.crt"));
        Files.writeString(sa.resolve("namespace"), "jenkins\n");
        Config c = config(ENV, null);
        assertThat(c.getMasterUrl()).isEqualTo("https://10.96.0.1:443/");
        assertThat(c.getOauthTokenProvider().getToken()).isEqualTo("sa-token-1");
        assertThat(c.getCaCertFile()).isEqualTo(sa.resolve("ca.crt").toString());
        assertThat(c.getNamespace()).isEqualTo("jenkins");
    }

    @Test
    void anIpv6ServiceHostIsBracketedAndAnExplicitServerWins() throws Exception {
        Files.writeString(sa.resolve("token"), "t");
        assertThat(config(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "6443"), null)
                        .getMasterUrl())
                .isEqualTo("https://[fd00::1]:6443/");
        assertThat(config(ENV, "https://api.example.com").getMasterUrl()).isEqualTo("https://api.example.com/");
        assertThat(config(ENV, null).getNamespace()).isEqualTo("default");
    }

    @Test
    void outsideAPodTheErrorSaysSo() throws Exception {
        assertThatThrownBy(() -> config(ENV, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no service account token at " + sa.resolve("token"));
        Files.writeString(sa.resolve("token"), "t");
        assertThatThrownBy(() -> config(Map.of(), null)).hasMessageContaining("KUBERNETES_SERVICE_HOST");
    }

    @Test
    void aRotatedTokenIsPickedUpAfterTheReloadInterval() throws Exception {
        Path token = sa.resolve("token");
        Files.writeString(token, "first");
        MutableClock clock = new MutableClock();
        InClusterAccount.TokenFile provider = new InClusterAccount.TokenFile(token, clock);
        assertThat(provider.getToken()).isEqualTo("first");
        Files.writeString(token, "second");
        assertThat(provider.getToken()).as("cached").isEqualTo("first");
        clock.now = clock.now.plus(InClusterAccount.TOKEN_RELOAD).plus(Duration.ofSeconds(1));
        assertThat(provider.getToken()).isEqualTo("second");
        assertThat(provider.toString()).doesNotContain("second");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
