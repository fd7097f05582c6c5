package io.jenkins.plugins.kubesteps.engine;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns fabric8 errors into {@link ClusterException}s a person can act on. Messages are built from
 * the HTTP status and the server's {@code Status} object only — never from request headers — and
 * any user-info part of a URL is removed, so no credential can end up in them.
 */
public final class ClusterErrors {
    private static final Pattern SERVER_IN_MESSAGE = Pattern.compile("\\bat: (https?://[^/\\s]+)");
    private static final int MAX_DETAIL = 1000;

    private ClusterErrors() {}

    /**
     * A word to branch on for an HTTP status of a failed request (0: no answer): Unreachable,
     * Unauthorized, Forbidden, Conflict, Invalid, ServerError or Error.
     */
    public static String reason(int code) {
        return switch (code) {
            case 0 -> "Unreachable";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            case 400, 404, 422 -> "Invalid";
            default -> code >= 500 ? "ServerError" : "Error";
        };
    }

    /**
     * @param action what we were doing, e.g. "create Job ns/name"
     * @return "Could not create Job ns/name: forbidden (HTTP 403): <server reason>. Check that the
     *     account may ..." — never any credential
     */
    public static ClusterException translate(KubernetesClientException e, String action) {
        return translate(e, action, (String) null);
    }

    /**
     * As {@link #translate(KubernetesClientException, String)}; {@code server} (e.g. the client's
     * master URL) names the server when the exception does not, as fabric8's connection failures do
     * not.
     */
    public static ClusterException translate(KubernetesClientException e, String action, String server) {
        // fabric8 wraps some HTTP errors (e.g. of GET /version) in a code-less "An error has occurred."
        for (Throwable c = e.getCause(); e.getCode() < 400 && c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof KubernetesClientException inner && inner.getCode() >= 400) {
                e = inner;
            }
        }
        int code = e.getCode();
        String prefix = "Could not " + action + ": ";
        Status status = e.getStatus();
        String serverSaid = serverMessage(status);
        if (code >= 400) {
            return new ClusterException(prefix + httpProblem(code, status, serverSaid), code, e);
        }
        Throwable connection = ConnectionProblems.find(e);
        if (connection != null) {
            return unreachable(prefix, e, connection, server);
        }
        String detail = serverSaid != null ? serverSaid : withoutUserInfo(firstLine(e.getMessage()));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (serverSaid == null && root != e && root.getMessage() != null) {
            // fabric8's own text only says which operation failed; the root cause says why
            detail = detail + " (" + root.getClass().getSimpleName() + ": "
                    + withoutUserInfo(firstLine(root.getMessage())) + ")";
        }
        return new ClusterException(prefix + clip(detail == null ? e.getClass().getSimpleName() : detail), 0, e);
    }

    /**
     * Like {@link #translate(KubernetesClientException, String)} for anything a client call can
     * throw: finds a {@link KubernetesClientException} or I/O problem among the causes (through
     * CompletionException, ExecutionException and the like). A {@link ClusterException} comes back
     * unchanged.
     */
    public static ClusterException translate(Throwable t, String action) {
        return translate(t, action, (String) null);
    }

    /** As {@link #translate(Throwable, String)}, naming {@code server} when the exception does not. */
    public static ClusterException translate(Throwable t, String action, String server) {
        if (t instanceof ClusterException ce) {
            return ce;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof KubernetesClientException kce) {
                return translate(kce, action, server);
            }
            if (c instanceof ClusterException ce) {
                return ce;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        String prefix = "Could not " + action + ": ";
        Throwable connection = ConnectionProblems.find(t);
        if (connection != null) {
            return unreachable(prefix, t, connection, server);
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = withoutUserInfo(firstLine(root.getMessage()));
        return new ClusterException(
                prefix
                        + (root instanceof IOException ? "I/O error: " : "")
                        + clip(detail == null ? root.getClass().getSimpleName() : detail),
                0,
                t);
    }

    private static String httpProblem(int code, Status status, String server) {
        String said = server == null ? "" : ": " + server;
        switch (code) {
            case 401:
                return "the cluster rejected the credentials (HTTP 401 Unauthorized)"
                        + ("Unauthorized".equalsIgnoreCase(server) ? "" : said)
                        + ". Check that the token, certificate or password is valid, not expired, and meant for"
                        + " this cluster.";
            case 403:
                return "forbidden (HTTP 403)" + said + ". Grant that account the missing permission with a Role"
                        + " (or ClusterRole) and a RoleBinding in that namespace (Kubernetes RBAC), or use"
                        + " credentials that have it.";
            case 404:
                return "not found (HTTP 404)" + said + ". Check the name and the namespace, and that the namespace"
                        + " exists.";
            case 409:
                return "conflict (HTTP 409)" + said + ". The object already exists or was changed at the same time;"
                        + " retry, or remove the other object first.";
            case 422:
                return "the cluster refused the object as invalid (HTTP 422)" + said + causes(status)
                        + ". Fix the listed fields in the manifest.";
            default:
                if (code >= 500) {
                    return "the API server failed (HTTP " + code + reasonPhrase(status) + ")" + said
                            + ". This is a problem on the cluster's side; retry later or ask its administrators.";
                }
                return "the API server answered HTTP " + code + reasonPhrase(status) + said + ".";
        }
    }

    private static ClusterException unreachable(String prefix, Throwable e, Throwable connection, String given) {
        String server = serverOf(e);
        if (server == null && given != null && !given.isBlank()) {
            server = withoutUserInfo(given.strip()).replaceFirst("/+$", "");
        }
        if (server == null) {
            server = ConnectionProblems.addressOf(e);
        }
        return new ClusterException(
                prefix + "could not reach " + (server == null ? "the Kubernetes API server" : server) + ": "
                        + ConnectionProblems.describe(connection),
                0,
                e);
    }

    private static String serverMessage(Status status) {
        if (status == null || status.getMessage() == null || status.getMessage().isBlank()) {
            return null;
        }
        return clip(status.getMessage().strip());
    }

    /** The server's field-level causes when its message does not already name them. */
    private static String causes(Status status) {
        if (status == null || status.getDetails() == null) {
            return "";
        }
        List<StatusCause> causes = status.getDetails().getCauses();
        if (causes == null || causes.isEmpty()) {
            return "";
        }
        String message = status.getMessage() == null ? "" : status.getMessage();
        StringBuilder sb = new StringBuilder();
        for (StatusCause c : causes) {
            String field = c.getField() == null ? "" : c.getField();
            String text = c.getMessage() == null ? String.valueOf(c.getReason()) : c.getMessage();
            if (!field.isEmpty() && message.contains(field)) {
                continue;
            }
            sb.append(sb.length() == 0 ? "; " : ", ")
                    .append(field.isEmpty() ? "" : field + ": ")
                    .append(text);
        }
        return clip(sb.toString());
    }

    private static String reasonPhrase(Status status) {
        return status != null
                        && status.getReason() != null
                        && !status.getReason().isBlank()
                ? " " + status.getReason()
                : "";
    }

    /** scheme://host:port of the request, from fabric8's "... at: URL" text, without user-info. */
    static String serverOf(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            Matcher m = SERVER_IN_MESSAGE.matcher(String.valueOf(c.getMessage()));
            if (m.find()) {
                return withoutUserInfo(m.group(1));
            }
        }
        return null;
    }

    private static String withoutUserInfo(String text) {
        return text == null ? null : text.replaceAll("//[^@/\\s]*@", "//");
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String clip(String s) {
        return s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "..." : s;
    }
}
