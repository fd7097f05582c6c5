package io.jenkins.plugins.kubesteps.engine.connect;

/**
 * Where a cluster is and how to talk to it.
 *
 * @param serverUrl the API server URL; null to take it from the kubeconfig or in-cluster environment
 * @param caCertificatePem PEM CA bundle to trust; null for the kubeconfig's or the JVM's
 * @param skipTlsVerify trust any server certificate (discouraged; warned about)
 * @param namespace the default namespace; null for the kubeconfig's, else "default"
 * @param credentials who we are
 */
public record ClusterConnection(
        String serverUrl,
        String caCertificatePem,
        boolean skipTlsVerify,
        String namespace,
        ClusterCredentials credentials) {

    @Override
    public String toString() {
        String server = serverUrl == null ? null : serverUrl.replaceAll("//[^@/\\s]*@", "//");
        return "ClusterConnection[server=" + server + ", namespace=" + namespace + ", credentials=" + credentials + "]";
    }
}
