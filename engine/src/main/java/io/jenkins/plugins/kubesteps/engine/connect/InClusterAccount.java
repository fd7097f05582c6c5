package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The service account of the pod this process runs in: the API server from {@code
 * KUBERNETES_SERVICE_HOST}/{@code _PORT}, and token, CA and namespace from the mounted service
 * account directory. Kubernetes rotates projected tokens, so the token file is read again once a
 * minute rather than once for the life of the client.
 */
final class InClusterAccount {
    static final Path DEFAULT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    static final Duration TOKEN_RELOAD = Duration.ofMinutes(1);

    private InClusterAccount() {}

    /**
     * @param serverUrl the connection's explicit server, or null to use the service environment
     * @return a Config with server, token provider, CA file and the pod's namespace (if any)
     */
    static Config toConfig(Path dir, Map<String, String> env, String serverUrl) {
        Path token = dir.resolve("token");
        if (!Files.isReadable(token)) {
            throw new InvalidInputException("in-cluster credentials: no service account token at " + token
                    + ". This only works when Jenkins runs in a Kubernetes pod with a mounted service account;"
                    + " use another credential type otherwise.");
        }
        Config config = Config.empty();
        String server = serverUrl;
        if (server == null || server.isBlank()) {
            String host = env.get("KUBERNETES_SERVICE_HOST");
            String port = env.get("KUBERNETES_SERVICE_PORT");
            if (host == null || host.isBlank() || port == null || port.isBlank()) {
                throw new InvalidInputException("in-cluster credentials: KUBERNETES_SERVICE_HOST and"
                        + " KUBERNETES_SERVICE_PORT are not set, so the API server is unknown; give a server URL");
            }
            server = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port.strip();
        }
        config.setMasterUrl(server);
        Path ca = dir.resolve("ca.crt");
        if (Files.isReadable(ca)) {
            config.setCaCertFile(ca.toString());
        }
        Path namespace = dir.resolve("namespace");
        if (Files.isReadable(namespace)) {
            config.setNamespace(read(namespace).strip());
        }
        config.setOauthTokenProvider(new TokenFile(token, Clock.systemUTC()));
        return config;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A token read from a file, cached for {@link #TOKEN_RELOAD}. */
    static final class TokenFile implements OAuthTokenProvider {
        private final Path file;
        private final Clock clock;
        private String token;
        private Instant readAt = Instant.MIN;

        TokenFile(Path file, Clock clock) {
            this.file = file;
            this.clock = clock;
        }

        @Override
        public synchronized String getToken() {
            Instant now = clock.instant();
            if (token == null || !now.isBefore(readAt.plus(TOKEN_RELOAD))) {
                try {
                    token = Files.readString(file, StandardCharsets.UTF_8).strip();
                    readAt = now;
                } catch (IOException e) {
                    if (token == null) {
                        throw new UncheckedIOException("cannot read the service account token " + file, e);
                    }
                    // keep the last token: the kubelet may be replacing the file right now
                }
            }
            return token;
        }

        @Override
        public String toString() {
            return "TokenFile[" + file + "]";
        }
    }
}
