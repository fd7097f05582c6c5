package io.jenkins.plugins.kubesteps.engine;

/** Base of the errors the engine reports to its callers; messages never contain secrets. */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
