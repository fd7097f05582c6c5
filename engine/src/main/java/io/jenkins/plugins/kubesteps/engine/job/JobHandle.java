package io.jenkins.plugins.kubesteps.engine.job;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a new process needs to re-attach to a running Job: which Job, when it must be done by,
 * how far each container's log was read, and the outputs captured so far (per pod, because only
 * the successful pod's outputs count when a Job retried). Plain serializable data; no secrets,
 * no client.
 *
 * @param job the Job
 * @param deadline when the run times out
 * @param logPositions per {@code pod/container}: how far its log was read
 * @param outputsByPod per pod name: outputs captured from its log lines so far
 * @param warnings warnings raised so far
 */
public record JobHandle(
        JobRef job,
        Instant deadline,
        Map<String, LogPosition> logPositions,
        Map<String, Map<String, Object>> outputsByPod,
        List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The timestamp (RFC 3339 with nanoseconds, as the API server prints with {@code
     * timestamps=true}) of the last line read, and how many lines carried exactly that timestamp,
     * so a resumed stream can skip what was already printed.
     */
    public record LogPosition(String lastTimestamp, int linesAtTimestamp, boolean finished) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
