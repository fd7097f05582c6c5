package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.Console;
import java.io.PrintStream;

/** Log lines to stdout, warnings to stderr, in whole lines even when streams interleave. */
final class StreamConsole implements Console {
    private final PrintStream out;
    private final PrintStream err;

    StreamConsole(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void line(String text) {
        synchronized (out) {
            out.println(text);
        }
    }

    @Override
    public void link(String url, String label) {
        line(label + ": " + url);
    }

    @Override
    public void warning(String text) {
        synchronized (out) {
            out.flush();
            err.println("WARNING: " + text);
            err.flush();
        }
    }
}
