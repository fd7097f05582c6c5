package io.jenkins.plugins.kubesteps.engine.connect;

/**
 * How the engine proves who it is to a cluster. {@code toString()} of every variant hides the
 * secret parts.
 */
public sealed interface ClusterCredentials
        permits ClusterCredentials.Kubeconfig,
                ClusterCredentials.BearerToken,
                ClusterCredentials.ClientCertificate,
                ClusterCredentials.UsernamePassword,
                ClusterCredentials.InCluster,
                ClusterCredentials.None {

    /** A whole kubeconfig (the text, not a path); {@code context} null means its current context. */
    record Kubeconfig(String text, String context) implements ClusterCredentials {
        @Override
        public String toString() {
            return "Kubeconfig[context=" + context + ", text=****]";
        }
    }

    record BearerToken(String token) implements ClusterCredentials {
        @Override
        public String toString() {
            return "BearerToken[****]";
        }
    }

    /** PEM certificate chain and PEM private key (PKCS#1 or PKCS#8, RSA or EC). */
    record ClientCertificate(String certificatePem, String privateKeyPem) implements ClusterCredentials {
        @Override
        public String toString() {
            return "ClientCertificate[****]";
        }
    }

    record UsernamePassword(String username, String password) implements ClusterCredentials {
        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", password=****]";
        }
    }

    /** The service account of the pod this process runs in. */
    record InCluster() implements ClusterCredentials {}

    /** No credentials (anonymous); mostly for tests against a mock server. */
    record None() implements ClusterCredentials {}
}
