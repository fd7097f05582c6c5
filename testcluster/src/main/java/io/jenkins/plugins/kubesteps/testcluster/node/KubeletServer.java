package io.jenkins.plugins.kubesteps.testcluster.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The part of the kubelet HTTPS API the API server uses for pods/log:
 * {@code GET /containerLogs/{namespace}/{pod}/{container}}, plus {@code /healthz}. Clients must
 * present a certificate signed by the configured CA, as the API server does with its
 * kubelet-client certificate.
 */
final class KubeletServer {

    private static final Logger LOG = Logger.getLogger(KubeletServer.class.getName());

    /** Where the server finds container logs; throws when the container has none (yet). */
    interface LogSource {
        ContainerLog find(String namespace, String pod, String container, boolean previous) throws LogUnavailable;
    }

    /** A request the kubelet refuses, with the HTTP status and message it would answer. */
    static final class LogUnavailable extends Exception {
        private final int status;

        LogUnavailable(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final LogSource logs;
    private final Clock clock;

    KubeletServer(InetSocketAddress address, SSLContext tls, LogSource logs, Clock clock) throws IOException {
        this.logs = logs;
        this.clock = clock;
        this.server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        // followers hold a thread each for as long as they stream
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kubelet-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/healthz")) {
                reply(exchange, 200, "ok");
                return;
            }
            String[] parts = path.split("/");
            if (parts.length != 5 || !parts[1].equals("containerLogs")) {
                reply(exchange, 404, "404 page not found\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 405, "method not allowed\n");
                return;
            }
            serveLogs(exchange, parts[2], parts[3], parts[4]);
        } catch (IOException e) {
            // the client went away while following; nothing to answer
            LOG.log(Level.FINE, "log request ended", e);
        }
    }

    private void serveLogs(HttpExchange exchange, String namespace, String pod, String container) throws IOException {
        LogQuery query;
        try {
            query = LogQuery.parse(exchange.getRequestURI().getRawQuery(), clock);
        } catch (RuntimeException e) {
            reply(exchange, 400, "invalid log options: " + e.getMessage());
            return;
        }
        ContainerLog log;
        try {
            log = logs.find(namespace, pod, container, query.previous());
        } catch (LogUnavailable e) {
            reply(exchange, e.status(), e.getMessage());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        try {
            query.stream(log, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
