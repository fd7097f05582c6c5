package io.jenkins.plugins.kubesteps.engine.it;

import io.jenkins.plugins.kubesteps.engine.job.RecordingConsole;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console of one run, kept for assertions: every line as printed, and the pods' log lines
 * split into their {@code [pod/container]} prefix and text.
 */
final class RecordedConsole extends RecordingConsole {
    private static final Pattern LOG_LINE = Pattern.compile("^\\[([^/\\]]+)/([^\\]]+)\\] (.*)$");

    /** One log line the engine printed with its prefix. */
    record LogLine(String pod, String container, String text) {}

    /** The pods' log lines, in the order they reached the console. */
    List<LogLine> logLines() {
        List<LogLine> logs = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches()) {
                logs.add(new LogLine(m.group(1), m.group(2), m.group(3)));
            }
        }
        return logs;
    }

    /** Just the text of the pods' log lines, in console order. */
    List<String> logTexts() {
        return logLines().stream().map(LogLine::text).toList();
    }

    boolean printed(String logText) {
        return logTexts().contains(logText);
    }
}
