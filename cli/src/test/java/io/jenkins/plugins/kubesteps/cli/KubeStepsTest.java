package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KubeStepsTest {

    @Test
    void theUsageHelpListsTheUserCommandsOnly() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = KubeSteps.run("--help");
        } finally {
            System.setOut(original);
        }

        assertThat(code).isEqualTo(KubeSteps.OK);
        // the benchmarks are in the bench module's jar, which ./kubesteps runs for bench-*
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("run-job", "attach", "deploy", "disable-server-group", "outputs")
                .doesNotContain("bench");
    }

    @Test
    void thisJarHasNoBenchmarkCommand() {
        assertThat(KubeSteps.run("bench-scan", "1k")).isEqualTo(KubeSteps.INVALID_INPUT);
    }
}
