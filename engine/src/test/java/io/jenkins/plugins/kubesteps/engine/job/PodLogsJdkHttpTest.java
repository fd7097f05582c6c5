package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins plugin builds its clients on the JDK HTTP stack (Jenkins would otherwise hand it
 * OkHttp, whose asynchronous body blocks a thread per open stream). Logs must stream on it as on
 * the default stack: lines while the container runs, and no thread held per quiet stream.
 */
class PodLogsJdkHttpTest extends PodLogsFixture {
    @Override
    KubernetesClient client(StreamingLogServer server) {
        String url;
        try (KubernetesClient probe = server.client()) {
            url = probe.getMasterUrl().toString();
        }
        return ClientFactory.client(
                new ClusterConnection(url, null, false, NAMESPACE, new ClusterCredentials.None()),
                new JdkHttpClientFactory());
    }

    @Test
    void linesArriveWhileTheContainerRunsAndQuietStreamsHoldNoThread() throws Exception {
        follow(REQUEST, console, Map.of());
        StreamingLogServer.FakeLog first = server.log("warm-up", "main").start().add("hello");
        logs.onPod(pod("warm-up").container("main", "running").build());
        eventually("a line before the stream ends", () -> console.lines().size() == 1);
        first.add("SPINNAKER_PROPERTY_STACK=jdk").terminate();
        logs.onPod(pod("warm-up").container("main", "terminated").build());
        logs.drain(Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        assertThat(logs.outputsByPod().get("warm-up")).containsEntry("STACK", "jdk");
        int before = busyThreads();

        StreamingLogServer.Pods busy = pod("job-a");
        for (int i = 0; i < 20; i++) {
            server.log("job-a", "c" + i).start().add("started " + i);
            busy.container("c" + i, "running");
        }
        logs.onPod(busy.build());
        eventually(
                "20 open streams",
                () -> server.openStreams() == 20 && console.lines().size() == 22);
        Thread.sleep(300);
        assertThat(busyThreads() - before)
                .as("threads busy (not idle in a pool) while 20 streams are open and quiet")
                .isLessThan(3);
    }

    /**
     * Threads other than the fake server's that are not idle in a pool: the JDK stack's executor
     * grows with a burst of connection set-ups and keeps idle workers for a minute, which is not
     * a thread held per stream; a stream that held one would show a thread blocked outside a pool.
     */
    private static int busyThreads() {
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && !e.getKey().getName().startsWith(StreamingLogServer.THREAD_PREFIX))
                .filter(e -> java.util.Arrays.stream(e.getValue())
                        .noneMatch(f -> f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                                && f.getMethodName().equals("getTask")))
                .count();
    }
}
