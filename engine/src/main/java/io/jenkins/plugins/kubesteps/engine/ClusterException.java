package io.jenkins.plugins.kubesteps.engine;

/**
 * The cluster could not be reached, refused the request (401/403), or failed (5xx). The message
 * says which, with the HTTP status and the server's reason, and never the credentials.
 */
public class ClusterException extends EngineException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ClusterException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the API server answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
