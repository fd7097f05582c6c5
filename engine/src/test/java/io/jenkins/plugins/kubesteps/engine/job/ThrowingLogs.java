package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The real log follower with one of its parts broken: a handler or an end that throws. */
final class ThrowingLogs {
    private ThrowingLogs() {}

    /** Throws on every pod event. */
    static JobLogs.Factory factory() {
        return wrap(true, false);
    }

    /** Throws when the run's end asks for the summary of dropped outputs. */
    static JobLogs.Factory atTheEnd() {
        return wrap(false, true);
    }

    private static JobLogs.Factory wrap(boolean onPod, boolean atTheEnd) {
        return (client, namespace, request, console, warnings, start, soFar) -> {
            JobLogs real = JobLogs.podLogs().open(client, namespace, request, console, warnings, start, soFar);
            return new JobLogs() {
                @Override
                public void onPod(Pod pod) {
                    if (onPod) {
                        throw new IllegalStateException(
                                "log follower broke on " + pod.getMetadata().getName());
                    }
                    real.onPod(pod);
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
                    if (atTheEnd) {
                        throw new IllegalStateException("log follower broke at the end");
                    }
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
