package io.jenkins.plugins.kubesteps.engine;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns fabric8 errors into {@link ClusterException}s a person can act on. */
public final class ClusterErrors {
    private ClusterErrors() {}

    /**
     * @param action what we were doing, e.g. "create Job ns/name"
     * @return "Could not create Job ns/name: forbidden (HTTP 403): <server reason>. Check that the
     *     account may ..." — never any credential
     */
    public static ClusterException translate(KubernetesClientException e, String action) {
        throw new UnsupportedOperationException("not built yet");
    }
}
