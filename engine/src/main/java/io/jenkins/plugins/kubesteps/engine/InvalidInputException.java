package io.jenkins.plugins.kubesteps.engine;

/**
 * The caller gave something the engine cannot use (a manifest that is not exactly one Job, bad
 * YAML, an unknown option value). The message names the source, and line/column where known, and
 * says what to do.
 */
public class InvalidInputException extends EngineException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
