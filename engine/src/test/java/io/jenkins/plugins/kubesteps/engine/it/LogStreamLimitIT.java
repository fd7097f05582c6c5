package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.kubesteps.engine.connect.StreamConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver lets one HTTP/2 connection carry 100 streams at a time, and the JDK HTTP client
 * fails the 101st at once instead of opening another connection. A controller following more than
 * 100 containers opens its log streams through {@link StreamConnections}, which spreads them over
 * more connections.
 */
class LogStreamLimitIT {
    private static final int STREAMS = 130;

    private static KubernetesClient client;
    private static String pod;

    @BeforeAll
    static void startAChattyPod() {
        client = EngineCluster.adminClient();
        pod = EngineCluster.unique("ticker");
        client.pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(pod)
                        .endMetadata()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .addNewContainer()
                        .withName("main")
                        .withImage("busybox:1.36")
                        .withCommand(
                                "sh", "-c", "i=0; while [ $i -lt 600 ]; do echo tick $i; i=$((i+1)); sleep 0.2; done")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        EngineCluster.waitFor(Duration.ofSeconds(60), "pod " + pod + " to run", () -> {
            Pod p = client.pods().inNamespace(NAMESPACE).withName(pod).get();
            return p != null
                    && p.getStatus() != null
                    && "Running".equals(p.getStatus().getPhase());
        });
    }

    @AfterAll
    static void stop() {
        client.pods().inNamespace(NAMESPACE).withName(pod).withGracePeriod(0).delete();
        client.close();
    }

    @Test
    void moreFollowedLogsThanOneConnectionAllowsAllStream() throws Exception {
        List<StreamConnections.Lease> leases = new ArrayList<>();
        List<String> outcomes = follow(i -> {
            StreamConnections.Lease lease = StreamConnections.lease(client.getHttpClient());
            leases.add(lease);
            return lease.http();
        });
        try {
            assertThat(outcomes).as("each followed log's first answer").containsOnly("tick");
        } finally {
            leases.forEach(l -> l.release(null));
        }
    }

    @Test
    void onOneConnectionTheServerRefusesStreamsBeyondItsLimit() throws Exception {
        // what the engine did before: every log stream on the client's own connection
        List<String> outcomes = follow(i -> client.getHttpClient());
        assertThat(outcomes).anyMatch(o -> o.contains("too many concurrent streams"));
    }

    /** Opens {@link #STREAMS} followed logs of the pod at once and says how each began: "tick" or its error. */
    private static List<String> follow(Function<Integer, HttpClient> connection) throws Exception {
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + NAMESPACE
                + "/pods/" + pod + "/log?container=main&follow=true";
        List<CompletableFuture<String>> firsts = new ArrayList<>();
        List<AsyncBody> bodies = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            HttpClient http = connection.apply(i);
            CompletableFuture<String> first = new CompletableFuture<>();
            firsts.add(first);
            http.consumeBytes(
                            http.newHttpRequestBuilder().uri(url).forStreaming().build(), (buffers, body) -> {
                                StringBuilder text = new StringBuilder();
                                buffers.forEach(b -> text.append(java.nio.charset.StandardCharsets.UTF_8.decode(b)));
                                first.complete(text.toString().startsWith("tick") ? "tick" : text.toString());
                                body.consume();
                            })
                    .whenComplete((HttpResponse<AsyncBody> response, Throwable problem) -> {
                        if (problem != null) {
                            first.complete(String.valueOf(problem.getMessage()));
                        } else {
                            synchronized (bodies) {
                                bodies.add(response.body());
                            }
                            if (response.code() != 200) {
                                first.complete("HTTP " + response.code());
                            } else {
                                response.body().consume();
                            }
                        }
                    });
        }
        List<String> outcomes = new ArrayList<>();
        try {
            for (CompletableFuture<String> f : firsts) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            synchronized (bodies) {
                bodies.forEach(AsyncBody::cancel);
            }
        }
        return outcomes;
    }
}
