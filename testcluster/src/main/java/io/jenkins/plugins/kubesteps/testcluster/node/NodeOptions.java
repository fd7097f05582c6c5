package io.jenkins.plugins.kubesteps.testcluster.node;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line of the simulated node; flags take "--name value" or "--name=value". */
record NodeOptions(
        Path kubeconfig,
        String nodeName,
        String address,
        int kubeletPort,
        Path tlsCert,
        Path tlsKey,
        Path clientCa,
        Path workDir) {

    static final String USAGE = "usage: java -jar kubesteps-simnode.jar --kubeconfig FILE [--node-name NAME]"
            + " [--address 127.0.0.1] --kubelet-port PORT --tls-cert FILE --tls-key FILE --client-ca FILE"
            + " --work-dir DIR";

    private static final List<String> FLAGS = List.of(
            "kubeconfig", "node-name", "address", "kubelet-port", "tls-cert", "tls-key", "client-ca", "work-dir");

    static NodeOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name);
            }
            values.put(name, value);
        }
        return new NodeOptions(
                Path.of(required(values, "kubeconfig")),
                values.getOrDefault("node-name", "kubesteps-node"),
                values.getOrDefault("address", "127.0.0.1"),
                Integer.parseInt(required(values, "kubelet-port")),
                Path.of(required(values, "tls-cert")),
                Path.of(required(values, "tls-key")),
                Path.of(required(values, "client-ca")),
                Path.of(required(values, "work-dir")));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
