package io.jenkins.plugins.kubesteps.engine;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Recognises why a cluster could not be reached and says it in words. */
final class ConnectionProblems {
    private static final Pattern NETTY_ADDRESS =
            Pattern.compile(": ([A-Za-z0-9.-]*)/([0-9a-fA-F.:]+):([0-9]{1,5})\\s*$");

    private ConnectionProblems() {}

    /** The first cause that means "could not reach the server", or null. */
    static Throwable find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (isConnectionProblem(c)) {
                return c;
            }
        }
        return null;
    }

    private static boolean isConnectionProblem(Throwable c) {
        return c instanceof SocketException
                || c instanceof UnknownHostException
                || c instanceof SSLException
                || c instanceof CertificateException
                || c instanceof InterruptedIOException
                || c instanceof TimeoutException
                || c instanceof HttpConnectTimeoutException
                || c.getClass().getName().endsWith("ConnectTimeoutException");
    }

    /** "host:port" from netty's "Connection refused: host/1.2.3.4:443" style messages, or null. */
    static String addressOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            Matcher m = NETTY_ADDRESS.matcher(String.valueOf(c.getMessage()));
            if (m.find()) {
                String host = m.group(1).isEmpty() ? m.group(2) : m.group(1);
                return host + ":" + m.group(3);
            }
        }
        return null;
    }

    static String describe(Throwable c) {
        String msg = c.getMessage() == null ? "" : c.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (c instanceof UnknownHostException) {
            return "unknown host" + (msg.isBlank() ? "" : " (" + msg + ")")
                    + ". Check the server URL and that this machine's DNS can resolve it.";
        }
        if (c instanceof NoRouteToHostException) {
            return "no route to host. Check the server URL and the network path (firewall, VPN).";
        }
        if (isTimeout(c, lower)) {
            return "the connection timed out. Check the server URL, that the API server is running and that no"
                    + " firewall or proxy blocks the way.";
        }
        if (c instanceof ConnectException) {
            return "connection refused. Check the server URL and port, and that the API server is running.";
        }
        if (isCertificateProblem(c)) {
            return certificateProblem(c, lower);
        }
        if (c instanceof SSLException) {
            return "the TLS handshake failed (" + msg + "). Check that the server URL uses https:// with the right"
                    + " port.";
        }
        return "network error (" + c.getClass().getSimpleName() + (msg.isBlank() ? "" : ": " + msg) + ").";
    }

    private static boolean isTimeout(Throwable c, String lower) {
        return c instanceof InterruptedIOException
                || c instanceof TimeoutException
                || c instanceof HttpConnectTimeoutException
                || c.getClass().getName().endsWith("ConnectTimeoutException")
                || lower.contains("timed out");
    }

    private static boolean isCertificateProblem(Throwable c) {
        for (Throwable x = c; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof CertificateException || x instanceof SSLPeerUnverifiedException) {
                return true;
            }
            String name = x.getClass().getName();
            if (name.endsWith("CertPathBuilderException") || name.endsWith("CertPathValidatorException")) {
                return true;
            }
        }
        return false;
    }

    private static String certificateProblem(Throwable c, String lower) {
        String all = lower;
        for (Throwable x = c.getCause(); x != null; x = x.getCause() == x ? null : x.getCause()) {
            all += " " + String.valueOf(x.getMessage()).toLowerCase(Locale.ROOT);
        }
        if (all.contains("subject alternative name") || all.contains("hostname") || all.contains("no name matching")) {
            return "the server's TLS certificate does not match its host name. Use the host name the certificate"
                    + " was issued for.";
        }
        if (all.contains("expired") || all.contains("not yet valid")) {
            return "the server's TLS certificate has expired or is not yet valid.";
        }
        return "the server's TLS certificate is not trusted. Give the cluster's CA certificate (PEM) in the"
                + " connection or kubeconfig; skip TLS verification only for testing.";
    }
}
