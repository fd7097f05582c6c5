package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Turns a {@link ClusterConnection} into a fabric8 {@link Config} and client. */
public final class ClientFactory {
    private ClientFactory() {}

    /**
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException when the kubeconfig cannot
     *     be parsed, names a missing context, or a PEM is unreadable (message never quotes secrets)
     */
    public static Config config(ClusterConnection connection) {
        throw new UnsupportedOperationException("not built yet");
    }

    public static KubernetesClient client(ClusterConnection connection) {
        throw new UnsupportedOperationException("not built yet");
    }
}
