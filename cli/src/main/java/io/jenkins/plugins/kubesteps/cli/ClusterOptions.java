package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster a command talks to: {@code --kubeconfig} and {@code --context} (a picocli mixin). */
final class ClusterOptions {
    @Option(names = "--kubeconfig", description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: its current context).")
    String context;

    /** A new client; the caller closes it. */
    KubernetesClient client() {
        return KubeconfigFile.client(kubeconfig, context);
    }
}
