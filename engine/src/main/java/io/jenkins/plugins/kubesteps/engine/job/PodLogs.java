package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Streams the logs of every container of a Job's pods (init containers first) to the console while
 * the Job runs, feeds each line to an output scanner per pod/container, keeps the last lines of
 * each container for failure reports, and remembers how far each stream got so a cut stream (or a
 * resumed process) continues without printing a line twice. Holds no thread while waiting:
 * streams are consumed by the HTTP client's callbacks.
 */
final class PodLogs implements AutoCloseable {

    /**
     * @param start positions to continue from (empty for a new run), keyed {@code pod/container}
     * @param outputsSoFar outputs already captured per pod (empty for a new run)
     */
    PodLogs(
            KubernetesClient client,
            String namespace,
            JobRequest request,
            Console console,
            Consumer<String> warnings,
            Map<String, JobHandle.LogPosition> start,
            Map<String, Map<String, Object>> outputsSoFar) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Called for every add/update of one of the Job's pods: starts streams for containers that have
     * started (running or terminated) and are not streamed yet; restarts a stream that ended while
     * its container still runs.
     */
    void onPod(Pod pod) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Positions to persist now, keyed {@code pod/container}. */
    Map<String, JobHandle.LogPosition> positions() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Outputs captured per pod so far (container outputs merged in container order). */
    Map<String, Map<String, Object>> outputsByPod() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The last (at most 20) lines of one container, oldest first. */
    List<String> lastLines(String pod, String container) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * After the Job finished: completes when every stream of a terminated container has reached
     * its end, or after {@code max} (then the missing part is re-read once with sinceTime).
     */
    CompletableFuture<Void> drain(Duration max) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Stops every stream; idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not built yet");
    }
}
