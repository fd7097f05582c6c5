package io.jenkins.plugins.kubesteps.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientCacheTest {
    private final List<KubernetesClient> built = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final ClientCache cache = new ClientCache(
            c -> {
                KubernetesClient client = mock(KubernetesClient.class);
                built.add(client);
                return client;
            },
            new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            },
            Duration.ofMinutes(10));

    private static ClusterConnection token(String token) {
        return new ClusterConnection("https://k8s:6443", null, false, "ns", new ClusterCredentials.BearerToken(token));
    }

    @Test
    void buildsShareAClientUntilItExpires() {
        try (ClientCache.Lease a = cache.acquire("account:prod", token("t1"));
                ClientCache.Lease b = cache.acquire("account:prod", token("t1"))) {
            assertThat(a.client()).isSameAs(b.client());
        }
        now = now.plus(Duration.ofMinutes(11));
        try (ClientCache.Lease c = cache.acquire("account:prod", token("t1"))) {
            assertThat(c.client()).isNotSameAs(built.get(0));
        }
        verify(built.get(0)).close();
    }

    @Test
    void aRotatedTokenGetsItsOwnClient() {
        try (ClientCache.Lease a = cache.acquire("account:prod", token("t1"));
                ClientCache.Lease b = cache.acquire("account:prod", token("t2"))) {
            assertThat(a.client()).isNotSameAs(b.client());
        }
    }

    @Test
    void anExpiredClientStaysOpenWhileARunningJobUsesIt() {
        ClientCache.Lease running = cache.acquire("account:prod", token("t1"));
        now = now.plus(Duration.ofMinutes(11));
        cache.acquire("account:prod", token("t1")).close();
        verify(built.get(0), never()).close();
        running.close();
        verify(built.get(0)).close();
    }

    @Test
    void theKeyIsAHashNotTheSecret() {
        String key = ClientCache.fingerprint("account:prod", token("very-secret-token"));
        assertThat(key).doesNotContain("very-secret-token").hasSize(64);
        assertThat(key).isNotEqualTo(ClientCache.fingerprint("account:prod", token("other-token")));
        assertThat(key).isNotEqualTo(ClientCache.fingerprint("account:dev", token("very-secret-token")));
    }
}
