package io.jenkins.plugins.kubesteps.bench;

import io.jenkins.plugins.kubesteps.cli.KubeSteps;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The main class of kubesteps-bench.jar: {@code ./kubesteps bench-scan} and {@code ./kubesteps
 * bench-concurrent} land here, run as {@code kubesteps} commands (same help, errors and exit codes)
 * but kept out of the jar users get.
 */
public final class KubeStepsBench {
    /** The benchmark commands, by name, in the order of the usage help. */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private KubeStepsBench() {}

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> c = new LinkedHashMap<>();
        c.put("bench-scan", BenchScanCommand::new);
        c.put("bench-concurrent", BenchConcurrentCommand::new);
        return Collections.unmodifiableMap(c);
    }

    public static void main(String[] args) {
        KubeSteps.main(args, COMMANDS);
    }
}
