package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig a command uses: --kubeconfig, else $KUBECONFIG, else ~/.kube/config. */
final class KubeconfigFile {
    private KubeconfigFile() {}

    /** A client for {@code kubeconfig} (or the default one) and {@code context}; the caller closes it. */
    static KubernetesClient client(Path kubeconfig, String context) throws IOException {
        return ClientFactory.client(new ClusterConnection(
                null, null, false, null, new ClusterCredentials.Kubeconfig(text(kubeconfig), context)));
    }

    static String text(Path given) throws IOException {
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
        if (path == null || !Files.isRegularFile(path)) {
            throw new InvalidInputException("No kubeconfig found (" + where + (path == null ? "" : " = " + path)
                    + "): pass --kubeconfig FILE, or try ./kubesteps demo for a local cluster");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
