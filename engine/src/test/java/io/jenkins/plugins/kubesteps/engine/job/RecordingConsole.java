package io.jenkins.plugins.kubesteps.engine.job;

import io.jenkins.plugins.kubesteps.engine.Console;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what the engine printed, for assertions; safe for concurrent writers like a real console. */
public class RecordingConsole implements Console {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void line(String text) {
        lines.add(text);
    }

    @Override
    public void link(String url, String label) {
        lines.add("LINK " + label + ": " + url);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        return String.join("\n", lines());
    }
}
