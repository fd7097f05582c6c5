package io.jenkins.plugins.kubesteps.engine.watch;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import java.util.concurrent.atomic.AtomicInteger;

/** How the engine's informers react to errors. */
public final class WatchRetry {
    /** Attempts before giving up when the very first list fails for a reason that may pass. */
    static final int START_ATTEMPTS = 3;

    private WatchRetry() {}

    /**
     * Once watching, retry whatever happens (the server restarts, the network drops) unless the
     * answers cannot be read; before that, fail soon so a missing permission is reported instead of
     * retried until the timeout.
     */
    public static ExceptionHandler policy() {
        AtomicInteger attempts = new AtomicInteger();
        return (started, problem) -> {
            if (ExceptionHandler.isDeserializationException(problem)) {
                return false;
            }
            if (started) {
                return true;
            }
            boolean refused = problem instanceof KubernetesClientException e && e.getCode() >= 400 && e.getCode() < 500;
            return !refused && attempts.incrementAndGet() < START_ATTEMPTS;
        };
    }
}
