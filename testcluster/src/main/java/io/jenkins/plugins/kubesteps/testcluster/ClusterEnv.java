package io.jenkins.plugins.kubesteps.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code DIR/cluster.env}, the {@code KEY=value} file that {@code cluster up} writes. */
final class ClusterEnv {

    private ClusterEnv() {}

    static Map<String, String> read(Path dir) {
        Path file = dir.resolve("cluster.env");
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("no cluster description at " + file, e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = trimmed.substring(eq + 1);
            // The script single-quotes paths so the file stays valid shell.
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(trimmed.substring(0, eq), value);
        }
        return values;
    }
}
