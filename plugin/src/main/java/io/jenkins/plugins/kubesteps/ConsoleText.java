package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Text from pods and the cluster on its way to the build console. A serialized console note
 * starts with ESC; with every ESC made visible, no such text can pose as a note (a forged link,
 * hidden text). Removing a pattern such as {@code ESC[8mha:} is not enough: ESC + {@code
 * ESC[8mha:} turns back into one. The plugin's own notes (links) are written separately, after
 * cleaning.
 */
final class ConsoleText {
    static final char ESC = '\u001B';
    /** SYMBOL FOR ESCAPE: the reader still sees that the text held an escape character. */
    static final char VISIBLE_ESC = '\u241B';

    private ConsoleText() {}

    /** {@code text} without any ESC; null stays null. */
    static String clean(String text) {
        return text == null ? null : text.replace(ESC, VISIBLE_ESC);
    }

    /**
     * The exception a step fails with, as the console will show it. An engine error becomes an
     * {@link AbortException} (its message is written for people, no stack trace needed). Anything
     * else stays as it is, type and stack trace included (an Abort's cause must stay one), unless
     * its printout would carry an ESC: then only its cleaned text is kept.
     */
    static Throwable failure(Throwable t) {
        if (t instanceof EngineException) {
            return new AbortException(clean(t.getMessage()));
        }
        if (!printsEscape(t)) {
            return t;
        }
        return new AbortException(clean(t instanceof AbortException ? t.getMessage() : String.valueOf(t)));
    }

    /** The whole printout, as Jenkins would print it: causes and suppressed exceptions included. */
    private static boolean printsEscape(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().indexOf(ESC) >= 0;
    }
}
