package io.jenkins.plugins.kubesteps.accounts;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Shares Kubernetes clients between builds that use the same cluster and credentials, and replaces
 * them after {@link #MAX_AGE}: kubernetes-plugin does the same because cloud tokens (EKS: 15
 * minutes) and exec plugins are only evaluated when a client is built. Entries are keyed by a hash
 * of the connection including its secret, so a rotated token gets a new client while the map never
 * holds the secret as a key. A client still used by a running Job is closed only when its last
 * lease is returned.
 */
public final class ClientCache {
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final ClientCache SHARED = new ClientCache(ClientCache::newClient, Clock.systemUTC(), MAX_AGE);

    private final Function<ClusterConnection, KubernetesClient> factory;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Entry> entries = new HashMap<>();

    ClientCache(Function<ClusterConnection, KubernetesClient> factory, Clock clock, Duration maxAge) {
        this.factory = factory;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public static ClientCache shared() {
        return SHARED;
    }

    /**
     * A new client the way every client of this plugin is built: the engine's configuration,
     * Jenkins' proxy settings, and the HTTP stack {@link HttpStack} chose.
     */
    public static KubernetesClient newClient(ClusterConnection connection) {
        Config config = ClientFactory.config(connection);
        JenkinsProxy.apply(config);
        return ClientFactory.client(config, HttpStack.factory());
    }

    /**
     * A client for {@code connection}; close the lease when the work is done. The client is built
     * outside the cache's lock, so a slow or unreachable cluster only delays the builds that use
     * it; builds asking for the same connection meanwhile wait for that one client.
     */
    public Lease acquire(String scope, ClusterConnection connection) {
        String key = fingerprint(scope, connection);
        Entry entry;
        boolean build = false;
        synchronized (this) {
            Instant now = clock.instant();
            Set<Entry> expired = new HashSet<>();
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.created.plus(maxAge).isBefore(now)) {
                    it.remove();
                    expired.add(e);
                }
            }
            expired.forEach(Entry::retire);
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry(now);
                entries.put(key, entry);
                build = true;
            }
            entry.leases++;
        }
        Lease lease = new Lease(entry);
        if (build) {
            try {
                entry.client.complete(factory.apply(connection));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    entries.remove(key, entry);
                }
                entry.client.completeExceptionally(e);
            }
        }
        try {
            entry.client.join();
        } catch (CompletionException e) {
            lease.close();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        return lease;
    }

    /**
     * SHA-256 of everything that decides which client is right. The secret parts go into the hash
     * so a changed secret maps elsewhere; the hash cannot be turned back into them.
     */
    static String fingerprint(String scope, ClusterConnection c) {
        StringBuilder material = new StringBuilder()
                .append(scope)
                .append('\0')
                .append(c.serverUrl())
                .append('\0')
                .append(c.caCertificatePem())
                .append('\0')
                .append(c.skipTlsVerify())
                .append('\0')
                .append(c.namespace())
                .append('\0');
        ClusterCredentials creds = c.credentials();
        material.append(creds == null ? "null" : creds.getClass().getSimpleName())
                .append('\0');
        if (creds instanceof ClusterCredentials.Kubeconfig k) {
            // allowExec too: a client built while exec was allowed must not outlive the permission
            material.append(k.text())
                    .append('\0')
                    .append(k.context())
                    .append('\0')
                    .append(k.allowExec());
        } else if (creds instanceof ClusterCredentials.BearerToken t) {
            material.append(t.token());
        } else if (creds instanceof ClusterCredentials.ClientCertificate cc) {
            material.append(cc.certificatePem()).append('\0').append(cc.privateKeyPem());
        } else if (creds instanceof ClusterCredentials.UsernamePassword up) {
            material.append(up.username()).append('\0').append(up.password());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(material.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private static final class Entry {
        final CompletableFuture<KubernetesClient> client = new CompletableFuture<>();
        final Instant created;
        int leases;
        boolean retired;

        Entry(Instant created) {
            this.created = created;
        }

        /** Called under the cache lock. */
        void retire() {
            retired = true;
            if (leases == 0) {
                close();
            }
        }

        void close() {
            // A client still being built is closed by nobody else: close it once it exists.
            client.thenAccept(KubernetesClient::close);
        }
    }

    /** One user of a cached client. Closing it twice is harmless. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public KubernetesClient client() {
            return entry.client.join();
        }

        @Override
        public void close() {
            synchronized (ClientCache.this) {
                if (closed) {
                    return;
                }
                closed = true;
                entry.leases--;
                if (entry.retired && entry.leases == 0) {
                    entry.close();
                }
            }
        }
    }
}
