package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kubesteps.cli.CliProcess.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container that prints millions of lines at once and its output marker last: the Job is done
 * long before the CLI has read its log. Every line must be printed and the marker captured; the
 * old fixed drain window (30 s after the Job ended) printed half and reported success without the
 * output.
 */
class CliLongLogIT extends ClusterCliTest {
    /**
     * The case: 10,000,000 lines of "y", then the marker. On two shared cores this takes
     * about 3 minutes (185 s measured); the old drain printed about half and lost the output.
     * {@code -Dkubesteps.it.longLogLines=N} runs fewer (2,000,000 no longer reliably outruns the
     * old 30 s window on a quiet machine).
     */
    private static final int LINES = Integer.getInteger("kubesteps.it.longLogLines", 10_000_000);

    @Test
    void everyLineIsPrintedAndTheLastLinesOutputIsCaptured() throws Exception {
        Path job = CliProcess.manifest(
                work, "fast-", "yes | head -c " + (2L * LINES) + "; echo SPINNAKER_PROPERTY_FAST=done");
        Path result = work.resolve("result.json");

        // the launcher's heap: following holds the lines in flight, never the log
        Run run = CliProcess.start(
                work,
                List.of("-Xmx48m", "-XX:+UseSerialGC"),
                null,
                "run-job",
                "--file",
                job.toString(),
                "--kubeconfig",
                cluster.adminKubeconfig().toString(),
                "--timeout",
                "40m",
                "--result",
                result.toString());

        int exit = run.waitFor(Duration.ofMinutes(30));
        assertThat(exit).as(run.describe()).isZero();
        assertThat(run.countStdoutLines(line -> line.endsWith("/main] y"))).isEqualTo(LINES);
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("outputs").path("FAST").asText()).isEqualTo("done");
        assertThat(json.path("outputsComplete").asBoolean()).isTrue();
        assertThat(run.stderr()).doesNotContain("incomplete");
    }
}
