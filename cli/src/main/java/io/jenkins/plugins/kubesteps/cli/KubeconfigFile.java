package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kubeconfig a command uses: --kubeconfig, else $KUBECONFIG, else ~/.kube/config. Public (its
 * {@link #credentials}) for the bench module's commands, which find the kubeconfig the same way.
 */
public final class KubeconfigFile {
    private KubeconfigFile() {}

    /** A client for {@code kubeconfig} (or the default one) and {@code context}; the caller closes it. */
    static KubernetesClient client(Path kubeconfig, String context) {
        return client(credentials(kubeconfig, context));
    }

    /**
     * A client whose watches are HTTP streams on its one HTTP/2 connection: a command watches one
     * namespace or two, and a WebSocket watch would cost a TLS connection (and handshake) of its own.
     */
    static KubernetesClient client(ClusterCredentials.Kubeconfig credentials) {
        Config config = ClientFactory.config(new ClusterConnection(null, null, false, null, credentials));
        config.setOnlyHttpWatches(true);
        return ClientFactory.client(config, null);
    }

    /**
     * The kubeconfig as credentials, read as strict UTF-8 and named by its path in every error;
     * exec plugins may run: the kubeconfig is the user's own, as with kubectl.
     */
    public static ClusterCredentials.Kubeconfig credentials(Path given, String context) {
        Path path = given;
        String where = "--kubeconfig";
        if (path == null) {
            String env = System.getenv("KUBECONFIG");
            if (env != null && !env.isBlank()) {
                // kubectl merges a list; the first existing file is what people mean most of the time.
                for (String candidate : env.split(java.io.File.pathSeparator)) {
                    if (!candidate.isBlank() && Files.isRegularFile(Path.of(candidate))) {
                        path = Path.of(candidate);
                        break;
                    }
                }
                where = "$KUBECONFIG";
            } else {
                path = Path.of(System.getProperty("user.home"), ".kube", "config");
                where = "~/.kube/config";
            }
        }
        if (path == null || !Files.exists(path)) {
            throw new InvalidInputException("No kubeconfig found (" + where + (path == null ? "" : " = " + path)
                    + "): pass --kubeconfig FILE, or try ./kubesteps demo for a local cluster");
        }
        String source = path.toString();
        return new ClusterCredentials.Kubeconfig(TextInput.read(path, source), context, true, source);
    }
}
