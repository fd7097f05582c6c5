package io.jenkins.plugins.kubesteps.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.BearerToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamConnectionsTest {
    /** The client's own connection, and the ones the pool opened, in order. */
    private final HttpClient own = mock(HttpClient.class);

    private final List<HttpClient> opened = new ArrayList<>();
    private final StreamConnections pool = new StreamConnections(() -> {
        HttpClient more = mock(HttpClient.class);
        opened.add(more);
        return more;
    });

    @Test
    void streamsBeyondTheOwnConnectionsShareGoToMoreConnectionsThatCloseWithTheirLastStream() {

        List<StreamConnections.Lease> leases = new ArrayList<>();
        int streams = StreamConnections.OWN_STREAMS + StreamConnections.STREAMS_PER_CONNECTION + 1;
        for (int i = 0; i < streams; i++) {
            leases.add(StreamConnections.lease(own, pool));
        }

        assertThat(leases.subList(0, StreamConnections.OWN_STREAMS)).allMatch(l -> l.http() == own);
        assertThat(opened).hasSize(2);
        assertThat(leases.get(StreamConnections.OWN_STREAMS).http()).isSameAs(opened.get(0));
        assertThat(leases.get(streams - 1).http()).isSameAs(opened.get(1));
        assertThat(pool.connections()).isEqualTo(3);

        leases.get(streams - 1).release(null);
        leases.get(streams - 1).release(null); // twice: still one stream
        verify(opened.get(1)).close();
        assertThat(pool.connections()).isEqualTo(2);
        leases.subList(0, StreamConnections.OWN_STREAMS).forEach(l -> l.release(null));
        verify(own, never()).close();

        // room on the client's own connection again: no new connection for the next stream
        assertThat(StreamConnections.lease(own, pool).http()).isSameAs(own);
        assertThat(opened).hasSize(2);
    }

    @Test
    void aConnectionWhoseServerRefusedAStreamIsNotOfferedMoreThanItHeld() {
        List<StreamConnections.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leases.add(StreamConnections.lease(own, pool));
        }
        // the JDK client's error when a server allows fewer streams than we assumed
        leases.get(9).release(new IOException("too many concurrent streams"));

        StreamConnections.Lease next = StreamConnections.lease(own, pool);
        assertThat(next.http()).isSameAs(opened.get(0));
        leases.get(0).release(null);
        assertThat(StreamConnections.lease(own, pool).http())
                .as("one place free again below the lowered limit")
                .isSameAs(own);
    }

    @Test
    void aClientOfTheEngineOpensMoreConnectionsWithItsCredentials() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try {
            String path = "/api/v1/namespaces/default/pods/p/log?container=main";
            server.expect().get().withPath(path).andReturn(200, "line\n").always();
            ClusterConnection c = new ClusterConnection(server.url("/"), null, false, null, new BearerToken("t0ken"));
            try (KubernetesClient client = ClientFactory.client(c)) {
                List<StreamConnections.Lease> leases = new ArrayList<>();
                for (int i = 0; i <= StreamConnections.OWN_STREAMS; i++) {
                    leases.add(StreamConnections.lease(client.getHttpClient()));
                }
                HttpClient more = leases.get(StreamConnections.OWN_STREAMS).http();
                assertThat(more).isNotSameAs(client.getHttpClient());

                HttpResponse<String> answer = more.sendAsync(
                                more.newHttpRequestBuilder()
                                        .uri(server.url(path))
                                        .build(),
                                String.class)
                        .get(10, TimeUnit.SECONDS);
                assertThat(answer.body()).isEqualTo("line\n");
                RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t0ken");
                leases.forEach(l -> l.release(null));
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void aClientBuiltElsewhereKeepsEveryStreamOnItsOwnConnection() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            for (int i = 0; i <= StreamConnections.OWN_STREAMS; i++) {
                assertThat(StreamConnections.lease(client.getHttpClient()).http())
                        .isSameAs(client.getHttpClient());
            }
        } finally {
            server.destroy();
        }
    }
}
