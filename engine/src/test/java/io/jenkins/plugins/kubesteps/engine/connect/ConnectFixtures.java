package io.jenkins.plugins.kubesteps.engine.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test material: throw-away self-signed certificates and keys made with openssl for these tests
 * only, and a decoy kubeconfig that must never be picked up.
 */
final class ConnectFixtures {
    static final String TOKEN = "s3cr3t-token-1234567890";
    static final String DECOY_TOKEN = "decoy-token-must-not-be-used";
    static final String DECOY_SERVER = "https://decoy.example.invalid:6443";

    private ConnectFixtures() {}

    static String pem(String name) {
        try (InputStream in = ConnectFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points every place fabric8's auto-configuration looks at (system properties standing in for
     * the environment) at a decoy identity; {@link Decoy#close()} restores them.
     */
    static Decoy decoy(Path dir) throws IOException {
        Path kubeconfig = dir.resolve("decoy-kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                current-context: decoy
                contexts:
                - name: decoy
                  context: {cluster: decoy, user: decoy, namespace: decoy-ns}
                clusters:
                - name: decoy
                  cluster: {server: "%s"}
                users:
                - name: decoy
                  user: {token: %s, username: decoy-user, password: decoy-password}
                """
                        .formatted(DECOY_SERVER, DECOY_TOKEN));
        Map<String, String> props = Map.of(
                "kubeconfig", kubeconfig.toString(),
                "kubernetes.auth.token", DECOY_TOKEN,
                "kubernetes.master", DECOY_SERVER,
                "kubernetes.namespace", "decoy-ns",
                "kubernetes.auth.basic.username", "decoy-user",
                "kubernetes.auth.basic.password", "decoy-password",
                "kubernetes.trust.certificates", "true");
        return new Decoy(props);
    }

    static final class Decoy implements AutoCloseable {
        private final Map<String, String> previous = new HashMap<>();

        Decoy(Map<String, String> props) {
            props.forEach((k, v) -> {
                previous.put(k, System.getProperty(k));
                System.setProperty(k, v);
            });
        }

        @Override
        public void close() {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
