package io.jenkins.plugins.kubesteps;

import hudson.console.HyperlinkNote;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.io.PrintStream;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;

/**
 * The engine's {@link Console} over a build's {@link TaskListener}. Every line comes from the
 * engine and may hold what a pod printed, so each is {@linkplain ConsoleText#clean cleaned}.
 */
final class JenkinsConsole implements Console {
    /**
     * How links are written. {@link HyperlinkNote#encodeTo} needs a running Jenkins (it signs the
     * note with the instance's secret), so tests outside Jenkins swap in plain text.
     */
    static volatile BinaryOperator<String> linkEncoder = HyperlinkNote::encodeTo;

    private final PrintStream out;
    private final BooleanSupplier closed;

    JenkinsConsole(TaskListener listener) {
        this(listener, () -> false);
    }

    /** @param closed true once nothing more may be printed (the step already completed) */
    JenkinsConsole(TaskListener listener, BooleanSupplier closed) {
        this.out = listener.getLogger();
        this.closed = closed;
    }

    @Override
    public void line(String text) {
        if (!closed.getAsBoolean()) {
            // PrintStream.println is synchronized, so lines of concurrent containers never interleave.
            out.println(ConsoleText.clean(text));
        }
    }

    @Override
    public void link(String url, String label) {
        if (!closed.getAsBoolean()) {
            // The note is the plugin's own; its URL and label may come from the Job's annotations.
            out.println(linkEncoder.apply(ConsoleText.clean(url), ConsoleText.clean(label)));
        }
    }
}
