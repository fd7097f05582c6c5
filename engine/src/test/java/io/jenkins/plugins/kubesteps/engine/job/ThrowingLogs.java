package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The real log follower, except that it throws on every pod event: a handler that breaks. */
final class ThrowingLogs {
    private ThrowingLogs() {}

    static JobLogs.Factory factory() {
        return (client, namespace, request, console, warnings, start, soFar) -> {
            JobLogs real = JobLogs.podLogs().open(client, namespace, request, console, warnings, start, soFar);
            return new JobLogs() {
                @Override
                public void onPod(Pod pod) {
                    throw new IllegalStateException(
                            "log follower broke on " + pod.getMetadata().getName());
                }

                @Override
                public Map<String, JobHandle.LogPosition> positions() {
                    return real.positions();
                }

                @Override
                public Map<String, Map<String, Object>> outputsByPod() {
                    return real.outputsByPod();
                }

                @Override
                public List<String> outputLimitSummary() {
                    return real.outputLimitSummary();
                }

                @Override
                public List<String> lastLines(String pod, String container) {
                    return real.lastLines(pod, container);
                }

                @Override
                public CompletableFuture<Void> drain(Instant deadline) {
                    return real.drain(deadline);
                }

                @Override
                public List<String> incomplete() {
                    return real.incomplete();
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        };
    }
}
