package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes node without containers: it registers a Node, runs the pods bound to it as local
 * processes and serves their logs like a kubelet. Writes {@code <work-dir>/ready} once the Node
 * is registered and Ready. See testcluster/README-node.md.
 */
public final class SimulatedNode implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final KubeletServer server;
    private final PodSupervisor pods;
    private final NodeRegistrar registrar;
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeat;
    private final Path readyFile;

    SimulatedNode(NodeOptions options, KubernetesClient client) throws Exception {
        this.client = client;
        Clock clock = Clock.systemUTC();
        Files.createDirectories(options.workDir());
        this.readyFile = options.workDir().resolve("ready");
        Files.deleteIfExists(readyFile);
        this.executor = Executors.newCachedThreadPool(daemon("pod"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat"));
        ApiAdapter api = new ApiAdapter(client);
        NodeContext context = new NodeContext(
                options.nodeName(),
                options.workDir(),
                clock,
                executor,
                api,
                api,
                baseEnv(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        this.pods = new PodSupervisor(client, context);
        this.server = new KubeletServer(
                new InetSocketAddress(options.address(), options.kubeletPort()),
                PemMaterial.serverContext(options.tlsCert(), options.tlsKey(), options.clientCa()),
                pods,
                clock);
        this.registrar = new NodeRegistrar(client, options.nodeName(), options.address(), server.port(), clock);
    }

    /** Containers see a small environment of their own, not the node's. */
    private static Map<String, String> baseEnv() {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Map.of("PATH", path, "LANG", "C.UTF-8");
    }

    void start() throws IOException {
        server.start();
        registrar.register();
        pods.start();
        heartbeat.scheduleAtFixedRate(
                registrar::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
        Files.writeString(readyFile, "ready\n");
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        pods.stop();
        server.stop();
        executor.shutdownNow();
        client.close();
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            // the node is gone either way
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public static void main(String[] args) throws Exception {
        NodeOptions options;
        try {
            options = NodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(NodeOptions.USAGE);
            System.exit(2);
            return;
        }
        Config config = Config.fromKubeconfig(options.kubeconfig().toFile());
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        SimulatedNode node = new SimulatedNode(options, client);
        // local processes outlive the JVM unless they are stopped here
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
        node.start();
        System.out.println("kubesteps simulated node " + options.nodeName() + " ready; kubelet on " + options.address()
                + ":" + node.server.port());
        Thread.currentThread().join();
    }
}
