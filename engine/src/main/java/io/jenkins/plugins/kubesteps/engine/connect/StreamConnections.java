package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Where long-lived streams (followed container logs) are opened: the client's own connection while
 * it carries few, then more connections to the same server, built like the client's.
 *
 * <p>The JDK HTTP client multiplexes every request of a client over one HTTP/2 connection and fails
 * a request at once with "too many concurrent streams" when the server's limit is reached
 * (JDK-8225647; kube-apiserver allows 100 by default) instead of waiting or opening another
 * connection, as Go's client does. A controller following 500 Jobs needs 500 log streams. So each
 * connection carries at most {@link #OWN_STREAMS} (the client's own, which also carries the watches
 * and ordinary requests) or {@link #STREAMS_PER_CONNECTION}, and one that a server refused more
 * streams is not offered more than it held then. Connections beyond the client's own close when
 * their last stream ends.
 */
public final class StreamConnections {
    /** Streams on the client's own connection: the rest of a server's limit (100 by default) stays for watches and requests. */
    static final int OWN_STREAMS = 50;

    /** Streams on each further connection: kube-apiserver allows 100 by default (since the HTTP/2 rapid-reset fixes). */
    static final int STREAMS_PER_CONNECTION = 90;

    private static final String REFUSED = "too many concurrent streams";

    /** A stream's place on a connection; release it once the stream ended. */
    public interface Lease {
        HttpClient http();

        /** Gives the place back; {@code failure} is how the stream ended, or null. Idempotent. */
        void release(Throwable failure);
    }

    private final Supplier<HttpClient> opener;
    private final List<Connection> connections = new ArrayList<>();

    /** @param opener builds another client like the one this is the tag of, on a connection of its own */
    StreamConnections(Supplier<HttpClient> opener) {
        this.opener = opener;
    }

    /**
     * A place for one more stream of {@code http}'s client: on its own connection when it cannot
     * open others (it was not built by {@link ClientFactory}, or not on the JDK stack).
     */
    public static Lease lease(HttpClient http) {
        StreamConnections pool =
                http instanceof StandardHttpClient<?, ?, ?> standard ? standard.getTag(StreamConnections.class) : null;
        return lease(http, pool);
    }

    static Lease lease(HttpClient http, StreamConnections pool) {
        return pool == null ? new Place(null, null, http) : pool.place(http);
    }

    /** How many connections carry streams now (for tests and benchmarks). */
    public synchronized int connections() {
        return connections.size();
    }

    private synchronized Lease place(HttpClient own) {
        if (connections.isEmpty()) {
            connections.add(new Connection(own, OWN_STREAMS, false));
        }
        for (Connection c : connections) {
            if (c.open < c.limit) {
                c.open++;
                return new Place(this, c, c.http);
            }
        }
        Connection more = new Connection(opener.get(), STREAMS_PER_CONNECTION, true);
        connections.add(more);
        more.open++;
        return new Place(this, more, more.http);
    }

    private void release(Connection c, Throwable failure) {
        HttpClient toClose = null;
        synchronized (this) {
            if (refused(failure)) {
                // the server's limit is lower than ours: never offer this connection more than it held
                c.limit = Math.max(1, Math.min(c.limit, c.open - 1));
            }
            c.open--;
            if (c.open == 0 && c.owned) {
                connections.remove(c);
                toClose = c.http;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException
                    && t.getMessage() != null
                    && t.getMessage().contains(REFUSED)) {
                return true;
            }
        }
        return false;
    }

    private static final class Connection {
        final HttpClient http;
        final boolean owned;
        int limit;
        int open;

        Connection(HttpClient http, int limit, boolean owned) {
            this.http = http;
            this.limit = limit;
            this.owned = owned;
        }
    }

    private static final class Place implements Lease {
        private final StreamConnections pool;
        private final Connection connection;
        private final HttpClient http;
        private final AtomicBoolean released = new AtomicBoolean();

        Place(StreamConnections pool, Connection connection, HttpClient http) {
            this.pool = pool;
            this.connection = connection;
            this.http = http;
        }

        @Override
        public HttpClient http() {
            return http;
        }

        @Override
        public void release(Throwable failure) {
            if (pool != null && released.compareAndSet(false, true)) {
                pool.release(connection, failure);
            }
        }
    }
}
