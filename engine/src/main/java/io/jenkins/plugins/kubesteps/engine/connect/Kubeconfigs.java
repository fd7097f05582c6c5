package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads kubeconfig text on its own: nothing from {@code ~/.kube/config}, {@code KUBECONFIG},
 * environment variables or system properties is merged in, so the credential a user picked is
 * the only identity used. A user with an {@code exec} plugin is run by fabric8 while the Config is
 * built.
 */
final class Kubeconfigs {
    /** How a kubeconfig is named in messages when the caller has no file name for it. */
    static final String SOURCE = "kubeconfig";

    private Kubeconfigs() {}

    /** The kubeconfig's context names, in file order; for forms that offer a choice. */
    static List<String> contextNames(String text) {
        List<NamedContext> contexts = parse(text, SOURCE).getContexts();
        return contexts == null
                ? List.of()
                : contexts.stream()
                        .map(NamedContext::getName)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toList());
    }

    static Config toConfig(String text, String context, boolean allowExec, String source) {
        return toConfig(text, context, allowExec, source, Clock.systemUTC());
    }

    /** @param source names the kubeconfig in messages (its path, or "kubeconfig") */
    static Config toConfig(String text, String context, boolean allowExec, String source, Clock clock) {
        String src = source == null || source.isBlank() ? SOURCE : source;
        io.fabric8.kubernetes.api.model.Config kubeconfig = checked(parse(text, src), context, allowExec, src);
        NamedContext chosen = kubeconfig.getContexts().get(0);
        NamedAuthInfo user =
                kubeconfig.getUsers().isEmpty() ? null : kubeconfig.getUsers().get(0);
        String keyAlgorithm = user == null ? null : checkEmbeddedKeyPair(user, src);
        boolean exec = user != null && user.getUser().getExec() != null;
        Config config = Config.empty();
        try {
            KubeConfigUtils.merge(config, chosen.getName(), kubeconfig);
        } catch (KubernetesClientException e) {
            throw execFailed(user, "could not be run (" + e.getClass().getSimpleName() + ")", src);
        }
        if (exec && config.getAutoOAuthToken() == null && config.getClientCertData() == null) {
            throw execFailed(user, "gave no token or certificate", src);
        }
        if (keyAlgorithm != null) {
            // fabric8 guesses from the PEM header and takes a PKCS#8 EC key for RSA
            config.setClientKeyAlgo(keyAlgorithm);
        }
        if (exec && config.getAutoOAuthToken() != null) {
            config.setOauthTokenProvider(
                    new ExecToken(kubeconfig, chosen.getName(), config.getAutoOAuthToken(), clock));
        }
        return config;
    }

    /**
     * The kubeconfig fabric8 is given: the chosen context, its cluster and its user, nothing else,
     * after every check. fabric8 resolves names its own way (of two users named alike it keeps the
     * last, where a first-match check would have looked at the first), so it must never see an
     * entry that was not checked; names appearing twice are refused outright, as kubectl does.
     */
    private static io.fabric8.kubernetes.api.model.Config checked(
            io.fabric8.kubernetes.api.model.Config kubeconfig, String context, boolean allowExec, String src) {
        refuseDuplicates(kubeconfig.getClusters(), NamedCluster::getName, "clusters", src);
        refuseDuplicates(kubeconfig.getContexts(), NamedContext::getName, "contexts", src);
        refuseDuplicates(kubeconfig.getUsers(), NamedAuthInfo::getName, "users", src);
        NamedContext chosen = choose(kubeconfig, context, src);
        String clusterName = chosen.getContext().getCluster();
        NamedCluster cluster = clusterName == null ? null : find(kubeconfig.getClusters(), clusterName);
        if (cluster == null) {
            throw new InvalidInputException(src + ": context '" + chosen.getName() + "' refers to cluster '"
                    + clusterName + "', which the kubeconfig does not define under clusters");
        }
        String userName = chosen.getContext().getUser();
        NamedAuthInfo user = null;
        if (userName != null && !userName.isEmpty()) {
            user = findUser(kubeconfig.getUsers(), userName);
            if (user == null) {
                throw new InvalidInputException(src + ": context '" + chosen.getName() + "' refers to user '" + userName
                        + "', which the kubeconfig does not define under users");
            }
        }
        if (!allowExec) {
            refuseLocalFiles(cluster, user, src);
            if (user != null && user.getUser().getExec() != null) {
                throw new InvalidInputException(src + " user '" + userName + "' gets its credentials by running the"
                        + " command '" + execCommand(user) + "' (an exec plugin), and running commands"
                        + " from stored kubeconfigs is not allowed here. Use a kubeconfig with a token or client"
                        + " certificate, or use an account whose administrator allows exec plugins.");
            }
        }
        io.fabric8.kubernetes.api.model.Config only = new io.fabric8.kubernetes.api.model.Config();
        only.setCurrentContext(chosen.getName());
        only.setContexts(List.of(chosen));
        only.setClusters(List.of(cluster));
        only.setUsers(user == null ? List.of() : List.of(user));
        return only;
    }

    private static <T> void refuseDuplicates(List<T> entries, Function<T, String> name, String list, String src) {
        if (entries == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (T entry : entries) {
            String n = String.valueOf(name.apply(entry));
            if (!seen.add(n)) {
                twice.add(n);
            }
        }
        if (!twice.isEmpty()) {
            throw new InvalidInputException(src + ": " + list + " names "
                    + twice.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                    + " more than once; each name must be unique (kubectl refuses such a file too). Remove or"
                    + " rename the extra entries.");
        }
    }

    /**
     * Where running exec plugins is not allowed (a Jenkins controller), file paths are not either:
     * {@code client-key: /var/jenkins_home/secrets/...} would make the controller read and send a
     * file of its own that the kubeconfig's author could not read.
     */
    private static void refuseLocalFiles(NamedCluster cluster, NamedAuthInfo named, String src) {
        String clusterName = cluster.getName();
        if (cluster.getCluster() != null && cluster.getCluster().getCertificateAuthority() != null) {
            throw localFile(
                    src, "cluster '" + clusterName + "'", "certificate-authority", "certificate-authority-data");
        }
        AuthInfo user = named == null ? null : named.getUser();
        if (user == null) {
            return;
        }
        String userName = named.getName();
        if (user.getClientCertificate() != null) {
            throw localFile(src, "user '" + userName + "'", "client-certificate", "client-certificate-data");
        }
        if (user.getClientKey() != null) {
            throw localFile(src, "user '" + userName + "'", "client-key", "client-key-data");
        }
        if (user.getTokenFile() != null) {
            throw localFile(src, "user '" + userName + "'", "tokenFile", "token");
        }
    }

    private static InvalidInputException localFile(String src, String where, String field, String embedded) {
        return new InvalidInputException(src + " " + where + ": '" + field + "' names a file, and reading files"
                + " named by stored kubeconfigs is not allowed here. Put the content in '" + embedded
                + "' instead (kubectl config view --flatten --minify does that), or use an account whose"
                + " administrator allows exec plugins and local files.");
    }

    private static io.fabric8.kubernetes.api.model.Config parse(String text, String src) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(src + " is empty");
        }
        List<SafeYaml.Document> docs = SafeYaml.loadAll(text, src, true);
        if (docs.size() != 1 || !(docs.get(0).value() instanceof java.util.Map)) {
            throw new InvalidInputException(src + ": expected one YAML mapping with clusters, contexts and users"
                    + " (kind: Config), found " + (docs.isEmpty() ? "nothing" : docs.size() + " document(s)"));
        }
        return SafeYaml.convert(docs.get(0), io.fabric8.kubernetes.api.model.Config.class, src, true);
    }

    private static NamedContext choose(io.fabric8.kubernetes.api.model.Config kubeconfig, String context, String src) {
        List<NamedContext> contexts = kubeconfig.getContexts() == null ? List.of() : kubeconfig.getContexts();
        String available = contexts.stream()
                .filter(c -> c.getContext() != null && c.getName() != null)
                .map(NamedContext::getName)
                .collect(Collectors.joining(", "));
        if (available.isEmpty()) {
            throw new InvalidInputException(src + " defines no contexts; add one that names a cluster and a user");
        }
        boolean explicit = context != null && !context.isBlank();
        String wanted = explicit ? context.strip() : kubeconfig.getCurrentContext();
        if (wanted == null || wanted.isBlank()) {
            throw new InvalidInputException(
                    src + " has no current-context; name the context to use, one of: " + available);
        }
        NamedContext found = contexts.stream()
                .filter(c -> wanted.equals(c.getName()) && c.getContext() != null)
                .findFirst()
                .orElse(null);
        if (found == null) {
            throw new InvalidInputException(src + ": " + (explicit ? "context '" : "current-context '") + wanted
                    + "' does not exist; available contexts: " + available);
        }
        return found;
    }

    private static String checkEmbeddedKeyPair(NamedAuthInfo named, String src) {
        AuthInfo user = named.getUser();
        if (user == null || user.getClientCertificateData() == null || user.getClientKeyData() == null) {
            return null;
        }
        String what = src + " user '" + named.getName() + "' client certificate";
        String cert = Pem.decode(user.getClientCertificateData());
        String key = Pem.decode(user.getClientKeyData());
        if (cert == null || key == null) {
            throw new InvalidInputException(what + ": client-certificate-data and client-key-data must be base64");
        }
        return Pem.checkClientKeyPair(cert, key, what);
    }

    private static InvalidInputException execFailed(NamedAuthInfo user, String what, String src) {
        return new InvalidInputException(src + " user '" + user.getName() + "': its exec plugin '" + execCommand(user)
                + "' " + what
                + ". Check that the command is installed and on the PATH of the machine that runs the build, and"
                + " that it works there (for example, that it is logged in).");
    }

    private static String execCommand(NamedAuthInfo user) {
        return user.getUser().getExec().getCommand();
    }

    /**
     * A token from a kubeconfig {@code exec} plugin, fetched again once it is {@link #MAX_AGE} old.
     * fabric8 runs the plugin only while building the Config, and cannot refresh a Config built
     * from text, so without this a short-lived token (EKS: 15 minutes) would expire under a
     * long-running Job.
     */
    static final class ExecToken implements OAuthTokenProvider {
        static final Duration MAX_AGE = Duration.ofMinutes(5);
        private final io.fabric8.kubernetes.api.model.Config kubeconfig;
        private final String context;
        private final Clock clock;
        private String token;
        private Instant fetchedAt;

        ExecToken(io.fabric8.kubernetes.api.model.Config kubeconfig, String context, String token, Clock clock) {
            this.kubeconfig = kubeconfig;
            this.context = context;
            this.clock = clock;
            this.token = token;
            this.fetchedAt = clock.instant();
        }

        @Override
        public synchronized String getToken() {
            Instant now = clock.instant();
            if (!now.isBefore(fetchedAt.plus(MAX_AGE))) {
                Config fresh = Config.empty();
                KubeConfigUtils.merge(fresh, context, kubeconfig);
                if (fresh.getAutoOAuthToken() != null) {
                    token = fresh.getAutoOAuthToken();
                }
                // on failure keep the old token and try again on the next request after a while
                fetchedAt = now;
            }
            return token;
        }

        @Override
        public String toString() {
            return "ExecToken[context=" + context + "]";
        }
    }

    private static NamedCluster find(List<NamedCluster> clusters, String name) {
        return clusters == null
                ? null
                : clusters.stream()
                        .filter(c -> name.equals(c.getName()) && c.getCluster() != null)
                        .findFirst()
                        .orElse(null);
    }

    private static NamedAuthInfo findUser(List<NamedAuthInfo> users, String name) {
        return users == null
                ? null
                : users.stream()
                        .filter(u -> name.equals(u.getName()) && u.getUser() != null)
                        .findFirst()
                        .orElse(null);
    }
}
