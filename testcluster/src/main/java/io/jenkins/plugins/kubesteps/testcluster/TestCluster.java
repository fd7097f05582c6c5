package io.jenkins.plugins.kubesteps.testcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real local Kubernetes control plane (etcd, kube-apiserver,
 * kube-controller-manager) plus the simulated node, started through
 * {@code testcluster/cluster}.
 *
 * <p>{@link #shared()} starts one cluster per JVM and stops it when the JVM
 * exits. When {@code KUBESTEPS_CLUSTER_DIR} (or the system property
 * {@code kubesteps.cluster.dir}) names a directory where a cluster is already
 * running, that cluster is used and left running, which saves the start-up
 * on every test run while developing.
 */
public final class TestCluster {

    /** Starting includes building the control plane the very first time. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(60);

    private static final Duration KUBECTL_TIMEOUT = Duration.ofMinutes(2);

    private static TestCluster shared;

    private final Path script;
    private final Path dir;
    private final Map<String, String> env;
    private final boolean owned;
    private KubernetesClient client;

    private TestCluster(Path script, Path dir, Map<String, String> env, boolean owned) {
        this.script = script;
        this.dir = dir;
        this.env = env;
        this.owned = owned;
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized TestCluster shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static TestCluster start() {
        Path script = locateScript();
        String reuse = setting("kubesteps.cluster.dir", "KUBESTEPS_CLUSTER_DIR");
        if (reuse != null) {
            Path dir = Paths.get(reuse).toAbsolutePath();
            if (ClusterScript.run(script, Duration.ofSeconds(30), "status", "--dir", dir.toString())
                    .ok()) {
                return new TestCluster(script, dir, ClusterEnv.read(dir), false);
            }
            throw new IllegalStateException("KUBESTEPS_CLUSTER_DIR=" + dir + " has no running cluster; start one with: "
                    + script + " up --dir " + dir);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("kubesteps-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Registered before 'up' so a half-started cluster is stopped as well.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ClusterScript.run(script, Duration.ofMinutes(1), "down", "--dir", dir.toString()),
                        "kubesteps-cluster-down"));
        ClusterScript.Result up = ClusterScript.run(script, UP_TIMEOUT, "up", "--dir", dir.toString());
        if (!up.ok()) {
            throw new IllegalStateException("testcluster/cluster up failed (exit " + up.exitCode() + ", logs in "
                    + dir.resolve("logs") + "):\n" + up.output());
        }
        return new TestCluster(script, dir, ClusterEnv.read(dir), true);
    }

    /** The system property wins over the environment variable of the same meaning. */
    static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static Path locateScript() {
        String configured = setting("kubesteps.cluster.script", "KUBESTEPS_CLUSTER_SCRIPT");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        // Tests run from a module directory of this repository: walk up to it.
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : List.of(p.resolve("cluster"), p.resolve("testcluster/cluster"))) {
                if (Files.isExecutable(candidate) && Files.isDirectory(candidate.resolveSibling("go"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find testcluster/cluster from "
                + Paths.get("").toAbsolutePath() + "; set -Dkubesteps.cluster.script");
    }

    public Path dir() {
        return dir;
    }

    /** Kubeconfig of a cluster administrator (system:masters). */
    public Path adminKubeconfig() {
        return dir.resolve("admin.kubeconfig");
    }

    /**
     * Kubeconfig of ServiceAccount {@code limited/limited}: jobs, pods,
     * pods/log and configmaps in namespace {@code limited}, nothing else.
     */
    public Path limitedKubeconfig() {
        return dir.resolve("limited.kubeconfig");
    }

    /** Namespace the limited kubeconfig may work in. */
    public String limitedNamespace() {
        return "limited";
    }

    /** Name of the simulated node that runs every pod. */
    public String nodeName() {
        return env.getOrDefault("NODE_NAME", "kubesteps-node");
    }

    /** {@code https://127.0.0.1:PORT} of the API server. */
    public String apiServerUrl() {
        return env.get("APISERVER_URL");
    }

    /** The kubectl binary built with the control plane. */
    public Path kubectlBinary() {
        return Paths.get(env.get("KUBECTL"));
    }

    /** Whether this JVM started the cluster (and so stops it on exit). */
    public boolean owned() {
        return owned;
    }

    /** Runs kubectl as the administrator; never throws for a non-zero exit. */
    public ClusterScript.Result kubectl(String... args) {
        return kubectlAs(adminKubeconfig(), args);
    }

    /** Runs kubectl with the given kubeconfig; never throws for a non-zero exit. */
    public ClusterScript.Result kubectlAs(Path kubeconfig, String... args) {
        List<String> command = new ArrayList<>();
        command.add(kubectlBinary().toString());
        command.add("--kubeconfig");
        command.add(kubeconfig.toString());
        command.addAll(List.of(args));
        return ClusterScript.exec(command, KUBECTL_TIMEOUT, null);
    }

    /** Like {@link #kubectl} but with text fed to standard input (for {@code -f -}). */
    public ClusterScript.Result kubectlWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(kubectlBinary().toString());
        command.add("--kubeconfig");
        command.add(adminKubeconfig().toString());
        command.addAll(List.of(args));
        return ClusterScript.exec(command, KUBECTL_TIMEOUT, stdin);
    }

    /** A fabric8 client of the administrator, shared by callers; do not close it. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = newClient(adminKubeconfig());
        }
        return client;
    }

    /** A new fabric8 client for the given kubeconfig; the caller closes it. */
    public static KubernetesClient newClient(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script this cluster was started with. */
    public Path script() {
        return script;
    }
}
