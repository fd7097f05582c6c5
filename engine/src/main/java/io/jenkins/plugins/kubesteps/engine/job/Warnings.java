package io.jenkins.plugins.kubesteps.engine.job;

import io.jenkins.plugins.kubesteps.engine.Console;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Warnings of one run: shown on the console as they happen and returned in the result. */
final class Warnings {
    private final Console console;
    private final List<String> all = new CopyOnWriteArrayList<>();

    /** @param earlier warnings of the run before a resume: kept, not printed again */
    Warnings(Console console, Collection<String> earlier) {
        this.console = console;
        all.addAll(earlier);
    }

    void add(String warning) {
        all.add(warning);
        console.warning(warning);
    }

    List<String> snapshot() {
        return List.copyOf(all);
    }
}
