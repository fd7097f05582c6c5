package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A streaming log server, a client for it, and the PodLogs under test with its console and warnings. */
abstract class PodLogsFixture {
    static final JobRequest REQUEST =
            JobRequest.builder().manifest("kind: Job", "test").build();

    StreamingLogServer server;
    KubernetesClient client;
    final RecordingConsole console = new RecordingConsole();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    PodLogs logs;

    @BeforeEach
    void startServer() throws Exception {
        server = new StreamingLogServer();
        client = client(server);
    }

    /** The client under test: the default HTTP stack unless a test picks another. */
    KubernetesClient client(StreamingLogServer server) {
        return server.client();
    }

    @AfterEach
    void stop() {
        if (logs != null) {
            logs.close();
        }
        client.close();
        server.close();
    }

    /** Follows from {@code from} (empty for a new run); the result is also in {@link #logs}. */
    PodLogs follow(JobRequest request, Console to, Map<String, JobHandle.LogPosition> from) {
        logs = new PodLogs(client, NAMESPACE, request, to, warnings::add, from, Map.of());
        return logs;
    }
}
