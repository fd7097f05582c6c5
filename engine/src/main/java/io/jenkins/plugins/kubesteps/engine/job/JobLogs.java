package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a run needs from the log streams of its pods. {@link PodLogs} is the real thing; the seam
 * lets a test see how the run copes with a log follower that breaks.
 */
interface JobLogs extends AutoCloseable {

    void onPod(Pod pod);

    Map<String, JobHandle.LogPosition> positions();

    Map<String, Map<String, Object>> outputsByPod();

    /** For the end of the run: how many outputs were dropped at their bounds, and where. */
    List<String> outputLimitSummary();

    List<String> lastLines(String pod, String container);

    /** After the Job finished: reads every log to its end, bounded by {@code deadline}. */
    CompletableFuture<Void> drain(Instant deadline);

    /** The logs whose outputs count that were not read to their end ({@code pod/container}). */
    List<String> incomplete();

    @Override
    void close();

    /** Opens the log follower of one run; same parameters as {@link PodLogs}. */
    @FunctionalInterface
    interface Factory {
        JobLogs open(
                KubernetesClient client,
                String namespace,
                JobRequest request,
                Console console,
                Consumer<String> warnings,
                Map<String, JobHandle.LogPosition> start,
                Map<String, Map<String, Object>> outputsSoFar);
    }

    static Factory podLogs() {
        return (client, namespace, request, console, warnings, start, outputsSoFar) -> {
            PodLogs logs = new PodLogs(client, namespace, request, console, warnings, start, outputsSoFar);
            return new JobLogs() {
                @Override
                public void onPod(Pod pod) {
                    logs.onPod(pod);
                }

                @Override
                public Map<String, JobHandle.LogPosition> positions() {
                    return logs.positions();
                }

                @Override
                public Map<String, Map<String, Object>> outputsByPod() {
                    return logs.outputsByPod();
                }

                @Override
                public List<String> outputLimitSummary() {
                    return logs.outputLimitSummary();
                }

                @Override
                public List<String> lastLines(String pod, String container) {
                    return logs.lastLines(pod, container);
                }

                @Override
                public CompletableFuture<Void> drain(Instant deadline) {
                    return logs.drain(deadline);
                }

                @Override
                public List<String> incomplete() {
                    return logs.incomplete();
                }

                @Override
                public void close() {
                    logs.close();
                }
            };
        };
    }
}
