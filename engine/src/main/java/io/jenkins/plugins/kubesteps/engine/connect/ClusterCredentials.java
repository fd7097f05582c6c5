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

    /**
     * A whole kubeconfig (the text, not a path); {@code context} null means its current context.
     * {@code allowExec} false refuses a user whose {@code exec} plugin would run a command on this
     * machine: whoever may store the credential could otherwise run any program where the engine
     * runs (a Jenkins controller). {@code source} names it in messages (a file path); null means
     * "kubeconfig".
     */
    record Kubeconfig(String text, String context, boolean allowExec, String source) implements ClusterCredentials {
        public Kubeconfig(String text, String context, boolean allowExec) {
            this(text, context, allowExec, null);
        }

        /** A kubeconfig of the person running the process (the CLI): its exec plugins may run. */
        public Kubeconfig(String text, String context) {
            this(text, context, true);
        }

        @Override
        public String toString() {
            return "Kubeconfig[context=" + context + ", allowExec=" + allowExec + ", source=" + source + ", text=****]";
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
