package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, Object> outputs(String log, String container) throws Exception {
        OutputsCommand command = new OutputsCommand();
        command.in = new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8));
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.container = container;
        assertThat(command.call()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(out.toString(StandardCharsets.UTF_8), Map.class);
        return parsed;
    }

    @Test
    void printsTheOutputsOfARawLogAsJson() throws Exception {
        Map<String, Object> outputs = outputs(
                "starting\nSPINNAKER_PROPERTY_Release=1.2.3\r\nSPINNAKER_CONFIG_JSON={\"replicas\":3}\n"
                        + "SPINNAKER_PROPERTY_TOKEN=YWJj==\n",
                null);
        assertThat(outputs)
                .containsEntry("Release", "1.2.3")
                .containsEntry("replicas", 3)
                .containsEntry("TOKEN", "YWJj==");
    }

    @Test
    void malformedJsonLineIsAWarningAndTheRestIsKept() throws Exception {
        Map<String, Object> outputs =
                outputs("SPINNAKER_PROPERTY_A=1\nSPINNAKER_CONFIG_JSON={not json\nSPINNAKER_PROPERTY_B=2\n", null);
        assertThat(outputs).containsEntry("A", "1").containsEntry("B", "2");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING").contains("line 2");
    }

    @Test
    void containerFilterReadsRunJobAndKubectlPrefixes() throws Exception {
        String log = "[job-x-abc/main] SPINNAKER_PROPERTY_FROM_MAIN=yes\n"
                + "[job-x-abc/sidecar] SPINNAKER_PROPERTY_FROM_SIDECAR=yes\n"
                + "[pod/job-x-abc/main] SPINNAKER_PROPERTY_KUBECTL=yes\n";
        assertThat(outputs(log, "main")).containsOnlyKeys("FROM_MAIN", "KUBECTL");
    }

    @Test
    void prefixedLinesWithoutAFilterAllCount() throws Exception {
        assertThat(outputs("[p/a] SPINNAKER_PROPERTY_X=1\n[p/b] SPINNAKER_PROPERTY_Y=2\n", null))
                .containsOnlyKeys("X", "Y");
    }
}
