package io.jenkins.plugins.kubesteps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.cli.KubeSteps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark commands as ./kubesteps bench-* runs them: through the CLI's way in for them. */
class KubeStepsBenchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return KubeSteps.run(KubeStepsBench.COMMANDS, args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void theUsageHelpListsTheBenchmarksUnderKubesteps() {
        assertThat(run("--help")).isEqualTo(KubeSteps.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: kubesteps", "bench-scan", "bench-concurrent")
                .doesNotContain("run-job");
    }

    @Test
    void benchScanPrintsItsFigures() {
        assertThat(run("bench-scan", "2m")).isEqualTo(KubeSteps.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("scanned 2097152 bytes", "MB/s", "peak heap:", "outputs found: 10");
    }

    @Test
    void benchConcurrentTakesItsOptionsAsTheCliDoes(@TempDir Path dir) {
        assertThat(run(
                        "bench-concurrent",
                        "3",
                        "--kubeconfig",
                        dir.resolve("missing").toString()))
                .isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kubesteps: No kubeconfig found");

        assertThat(run("bench-concurrent", "3", "--timeout", "soon")).isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid duration 'soon'");
    }
}
