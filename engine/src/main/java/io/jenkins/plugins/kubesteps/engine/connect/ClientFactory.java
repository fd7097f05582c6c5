package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.BearerToken;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.ClientCertificate;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.InCluster;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.Kubeconfig;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials.UsernamePassword;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ClusterConnection} into a fabric8 {@link Config} and client.
 *
 * <p>Every Config starts from {@link Config#empty()}: fabric8's auto-configuration (which reads
 * {@code ~/.kube/config}, {@code KUBECONFIG}, {@code KUBERNETES_*} environment variables and
 * {@code kubernetes.*} system properties) never runs, so a missing or rejected credential can
 * never be replaced by another identity found on the machine. The price: proxies must be given in
 * the kubeconfig ({@code proxy-url}); the JVM's proxy environment is not consulted.
 */
public final class ClientFactory {
    /** How long to wait for a TCP/TLS connection to the API server. */
    public static final int CONNECTION_TIMEOUT_MS = 10_000;
    /**
     * How long an ordinary request may take. fabric8 does not apply it to watches and followed
     * logs, which may stay open as long as the Job runs.
     */
    public static final int REQUEST_TIMEOUT_MS = 30_000;
    /** Retries of a failed request; fabric8's default of 10 makes an unreachable server take minutes to report. */
    static final int REQUEST_RETRIES = 3;

    private ClientFactory() {}

    /**
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException when the kubeconfig cannot
     *     be parsed, names a missing context, or a PEM is unreadable (message never quotes secrets)
     */
    public static Config config(ClusterConnection connection) {
        return config(connection, InClusterAccount.DEFAULT_DIR, System.getenv());
    }

    /** As {@link #config(ClusterConnection)}, with the in-cluster environment given (for tests). */
    static Config config(ClusterConnection connection, Path serviceAccountDir, Map<String, String> env) {
        if (connection == null) {
            throw new InvalidInputException("no cluster connection was given");
        }
        ClusterCredentials credentials =
                connection.credentials() == null ? new ClusterCredentials.None() : connection.credentials();
        String server = blankToNull(connection.serverUrl());
        if (server != null) {
            server = checkServerUrl(server);
        }
        Config config;
        if (credentials instanceof Kubeconfig k) {
            config = Kubeconfigs.toConfig(k.text(), k.context(), k.allowExec(), k.source());
        } else if (credentials instanceof InCluster) {
            config = InClusterAccount.toConfig(serviceAccountDir, env, server);
        } else {
            if (server == null) {
                throw new InvalidInputException("a server URL (https://host:port of the Kubernetes API server) is"
                        + " required with " + kind(credentials) + " credentials");
            }
            config = Config.empty();
            applyCredentials(config, credentials);
        }
        applyConnection(config, connection, server);
        return config;
    }

    /**
     * A client for the connection. Building it does not contact the cluster.
     *
     * @throws io.jenkins.plugins.kubesteps.engine.InvalidInputException as {@link #config}
     */
    public static KubernetesClient client(ClusterConnection connection) {
        return client(connection, null);
    }

    /**
     * A client on a chosen HTTP stack. Log streams are read through the stack's asynchronous body
     * API; a stack whose "asynchronous" body blocks a thread while waiting for data (fabric8's
     * OkHttp one does) would hold a thread per followed container, hence the JDK one by default.
     *
     * @param httpClients null for fabric8's JDK stack on the engine's shared threads ({@link JdkHttpClients})
     */
    public static KubernetesClient client(ClusterConnection connection, HttpClient.Factory httpClients) {
        return client(config(connection), httpClients);
    }

    /**
     * A client for a config made by {@link #config(ClusterConnection)} and then adjusted by the
     * host (e.g. Jenkins adds its proxy settings).
     */
    public static KubernetesClient client(Config config, HttpClient.Factory httpClients) {
        try {
            return builder(config, httpClients).build();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(e, "set up a client for " + config.getMasterUrl());
        }
    }

    /**
     * The builder behind {@link #client(Config, HttpClient.Factory)}, for hosts that add to it (a
     * benchmark counting requests); it runs on the engine's shared client threads, with the engine's
     * one serialization ({@link SafeYaml#serialization()}).
     */
    public static KubernetesClientBuilder builder(Config config, HttpClient.Factory httpClients) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(httpClients == null ? new JdkHttpClients() : httpClients)
                .withTaskExecutor(ClientThreads.TASKS)
                .withKubernetesSerialization(SafeYaml.serialization());
    }

    /** The context names of a kubeconfig, in file order, e.g. to offer them in a form. */
    public static List<String> contextNames(String kubeconfigText) {
        return Kubeconfigs.contextNames(kubeconfigText);
    }

    private static void applyCredentials(Config config, ClusterCredentials credentials) {
        if (credentials instanceof BearerToken t) {
            String token = t.token() == null ? "" : t.token().strip();
            if (token.isEmpty()) {
                throw new InvalidInputException("the bearer token is empty");
            }
            config.setOauthToken(token);
        } else if (credentials instanceof ClientCertificate c) {
            String algorithm = Pem.checkClientKeyPair(c.certificatePem(), c.privateKeyPem(), "client certificate");
            config.setClientCertData(Pem.encode(c.certificatePem()));
            config.setClientKeyData(Pem.encode(c.privateKeyPem()));
            config.setClientKeyAlgo(algorithm);
        } else if (credentials instanceof UsernamePassword u) {
            if (blankToNull(u.username()) == null
                    || u.password() == null
                    || u.password().isEmpty()) {
                throw new InvalidInputException("username/password credentials need both a username and a password");
            }
            config.setUsername(u.username().strip());
            config.setPassword(u.password());
        }
    }

    private static void applyConnection(Config config, ClusterConnection connection, String server) {
        if (server != null) {
            config.setMasterUrl(server);
        }
        if (blankToNull(connection.caCertificatePem()) != null) {
            config.setCaCertData(Pem.certificatesAsData(connection.caCertificatePem(), "CA certificate"));
            config.setCaCertFile(null);
        }
        if (connection.skipTlsVerify()) {
            config.setTrustCerts(true);
            config.setDisableHostnameVerification(true);
        }
        String namespace = blankToNull(connection.namespace());
        if (namespace == null) {
            namespace = blankToNull(config.getNamespace());
        }
        namespace = namespace == null ? "default" : namespace.strip();
        if (!KubeLabels.isValidNamespace(namespace)) {
            throw new InvalidInputException("default namespace '" + namespace + "' is not a valid namespace name:"
                    + " use at most 63 lower-case letters, digits and '-'");
        }
        config.setNamespace(namespace);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    }

    private static String checkServerUrl(String url) {
        String shown = url.replaceFirst("//[^@/]*@", "//");
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                if (uri.getUserInfo() != null) {
                    throw new InvalidInputException("server URL " + shown + " must not contain a user name or"
                            + " password; use the credentials for that");
                }
                return url.strip();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInputException("server URL '" + shown + "' is not valid: write it as https://host:port");
    }

    private static String kind(ClusterCredentials c) {
        if (c instanceof BearerToken) {
            return "bearer token";
        }
        if (c instanceof ClientCertificate) {
            return "client certificate";
        }
        if (c instanceof UsernamePassword) {
            return "username/password";
        }
        return "anonymous (none)";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
