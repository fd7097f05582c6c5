package io.jenkins.plugins.kubesteps.engine.job;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the caller decides about one Job run. Build it with {@link #builder()}.
 *
 * @param manifest the YAML or JSON text of exactly one {@code batch/v1} Job
 * @param source where the manifest came from, for error messages (a file path, "manifest")
 * @param namespace overrides the manifest's namespace; null keeps it (or the connection's default)
 * @param timeout how long to wait for the Job to finish
 * @param container only this container's log lines yield outputs; null means every container
 * @param streamLogs whether pod logs go to the console
 * @param prefixLines whether each log line starts with {@code [pod/container] }
 * @param cleanup what happens to the Job afterwards
 * @param ttlSecondsAfterFinished the TTL set under {@link CleanupPolicy#TTL} when the manifest has none
 * @param outputConfigMap a ConfigMap key read after completion for more outputs; null for none
 * @param labels added to the Job and its pod template, never replacing the user's
 * @param annotations added to the Job, never replacing the user's (e.g. the build URL)
 * @param failFastGrace how long a pod may stay in ImagePullBackOff and the like before the run fails
 * @param activeDeadline when the manifest has no {@code spec.activeDeadlineSeconds}, set it to the
 *     timeout plus {@link #DEADLINE_MARGIN}, so the Job ends on its own if nobody follows it any more
 * @param allowIncompleteOutputs the caller accepts a succeeded Job whose outputs may be incomplete
 *     ({@link JobResult#outputsComplete()}); the engine then reports it as a warning only
 * @param logsSince print only log lines from this instant on (earlier ones are still scanned for
 *     outputs); null prints them all. For attaching to a running Job.
 */
public record JobRequest(
        String manifest,
        String source,
        String namespace,
        Duration timeout,
        String container,
        boolean streamLogs,
        boolean prefixLines,
        CleanupPolicy cleanup,
        int ttlSecondsAfterFinished,
        ConfigMapKey outputConfigMap,
        Map<String, String> labels,
        Map<String, String> annotations,
        Duration failFastGrace,
        boolean activeDeadline,
        boolean allowIncompleteOutputs,
        Instant logsSince) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(120);
    /**
     * Added to the timeout for {@code activeDeadlineSeconds}: our timeout fires first and reports
     * TIMED_OUT; the Job's own deadline only matters when the follower is gone.
     */
    public static final Duration DEADLINE_MARGIN = Duration.ofSeconds(60);

    public static final int DEFAULT_TTL_SECONDS = 3600;
    public static final Duration DEFAULT_FAIL_FAST_GRACE = Duration.ofSeconds(30);

    public JobRequest {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.manifest = manifest;
        b.source = source;
        b.namespace = namespace;
        b.timeout = timeout;
        b.container = container;
        b.streamLogs = streamLogs;
        b.prefixLines = prefixLines;
        b.cleanup = cleanup;
        b.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
        b.outputConfigMap = outputConfigMap;
        b.labels.putAll(labels);
        b.annotations.putAll(annotations);
        b.failFastGrace = failFastGrace;
        b.activeDeadline = activeDeadline;
        b.allowIncompleteOutputs = allowIncompleteOutputs;
        b.logsSince = logsSince;
        return b;
    }

    /**
     * Defaults: 120 minute timeout, logs on with prefixes, TTL cleanup of 3600 s, 30 s fail-fast
     * grace, activeDeadlineSeconds from the timeout, incomplete outputs not accepted.
     */
    public static final class Builder {
        private String manifest;
        private String source = "manifest";
        private String namespace;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String container;
        private boolean streamLogs = true;
        private boolean prefixLines = true;
        private CleanupPolicy cleanup = CleanupPolicy.TTL;
        private int ttlSecondsAfterFinished = DEFAULT_TTL_SECONDS;
        private ConfigMapKey outputConfigMap;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Duration failFastGrace = DEFAULT_FAIL_FAST_GRACE;
        private boolean activeDeadline = true;
        private boolean allowIncompleteOutputs;
        private Instant logsSince;

        public Builder manifest(String text, String source) {
            this.manifest = text;
            this.source = source;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder container(String container) {
            this.container = container;
            return this;
        }

        public Builder streamLogs(boolean streamLogs) {
            this.streamLogs = streamLogs;
            return this;
        }

        public Builder prefixLines(boolean prefixLines) {
            this.prefixLines = prefixLines;
            return this;
        }

        public Builder cleanup(CleanupPolicy cleanup) {
            this.cleanup = cleanup;
            return this;
        }

        public Builder ttlSecondsAfterFinished(int seconds) {
            this.ttlSecondsAfterFinished = seconds;
            return this;
        }

        public Builder outputConfigMap(ConfigMapKey key) {
            this.outputConfigMap = key;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public Builder failFastGrace(Duration grace) {
            this.failFastGrace = grace;
            return this;
        }

        /** Default true: bound the Job by {@code activeDeadlineSeconds} when the manifest has none. */
        public Builder activeDeadline(boolean activeDeadline) {
            this.activeDeadline = activeDeadline;
            return this;
        }

        public Builder allowIncompleteOutputs(boolean allow) {
            this.allowIncompleteOutputs = allow;
            return this;
        }

        public Builder logsSince(Instant since) {
            this.logsSince = since;
            return this;
        }

        public JobRequest build() {
            return new JobRequest(
                    manifest,
                    source,
                    namespace,
                    timeout,
                    container,
                    streamLogs,
                    prefixLines,
                    cleanup,
                    ttlSecondsAfterFinished,
                    outputConfigMap,
                    labels,
                    annotations,
                    failFastGrace,
                    activeDeadline,
                    allowIncompleteOutputs,
                    logsSince);
        }
    }
}
