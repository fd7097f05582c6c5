package io.jenkins.plugins.kubesteps.engine;

/**
 * Where the engine writes what a person reads: the Jenkins build console, or the CLI's stdout.
 * Implementations must accept any text (the engine has already replaced invalid UTF-8) and must
 * be safe to call from several threads: log streams of different containers arrive concurrently.
 */
public interface Console {

    /** One line of text, without a line terminator. */
    void line(String text);

    /** A link a person can follow; consoles without hyperlinks print {@code label: url}. */
    void link(String url, String label);

    /** Something went wrong but the operation goes on. */
    default void warning(String text) {
        line("WARNING: " + text);
    }
}
