package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_KEYS;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_TOTAL_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each source of outputs may be near a bound by itself; what the run returns stays within them. */
class JobOutputsBoundsTest {
    private static final JobRef JOB = new JobRef("ns", "build", "uid-1");

    private final RecordingConsole console = new RecordingConsole();
    private final Warnings warnings = new Warnings(console, List.of());
    // no ConfigMap is asked for, so no client is needed
    private final JobOutputs outputs = new JobOutputs(
            null, JobRequest.builder().manifest("kind: Job", "test").build(), warnings);

    private static Pod succeeded(String terminationMessage) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("build-x7k2p")
                .endMetadata()
                .withNewStatus()
                .withPhase("Succeeded")
                .addNewContainerStatus()
                .withName("main")
                .withNewState()
                .withNewTerminated()
                .withExitCode(0)
                .withMessage(terminationMessage)
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    private static Map<String, Object> keys(String prefix, int count, String value) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            keys.put(prefix + i, value);
        }
        return keys;
    }

    private Map<String, Object> collect(Map<String, Object> fromLog, String terminationMessage) {
        return outputs.collect(
                JOB, true, Map.of("build-x7k2p", fromLog), Map.of("build-x7k2p", succeeded(terminationMessage)));
    }

    @Test
    void theLogAndATerminationMessageOfNewKeysTogetherKeepTheKeyLimit() {
        String message = IntStream.range(0, 600).mapToObj(i -> "T" + i + "=t").collect(Collectors.joining("\n"));

        Map<String, Object> result = collect(keys("L", 900, "l"), message);

        assertThat(result)
                .hasSize(MAX_KEYS)
                .containsKey("L899")
                .containsKey("T99")
                .doesNotContainKey("T100");
        assertThat(warnings.snapshot())
                .satisfiesExactly(
                        w -> assertThat(w)
                                .startsWith("outputs of Job ns/build: ")
                                .contains("\"T100\""),
                        w -> assertThat(w)
                                .isEqualTo(
                                        "outputs of Job ns/build: 500 output keys dropped in all (limit 1,000 keys)"));
    }

    @Test
    void theLogAndATerminationMessageNearTheTotalLimitStayUnderIt() {
        String value = "v".repeat(60 * 1024);
        String message = IntStream.range(0, 8)
                .mapToObj(i -> "\"T" + i + "\":\"" + value + "\"")
                .collect(Collectors.joining(",", "{", "}"));

        Map<String, Object> result = collect(keys("L", 8, value), message);

        assertThat(result).containsOnlyKeys(keys("L", 8, "").keySet());
        // ASCII only: characters are bytes
        long total = result.entrySet().stream()
                .mapToLong(e -> e.getKey().length() + ((String) e.getValue()).length())
                .sum();
        assertThat(total).isLessThanOrEqualTo(MAX_TOTAL_BYTES);
        assertThat(warnings.snapshot())
                .satisfiesExactly(
                        w -> assertThat(w)
                                .startsWith("outputs of Job ns/build: ")
                                .contains("\"T0\""),
                        w -> assertThat(w).contains("8 outputs dropped in all"));
        assertThat(console.text()).doesNotContain("vvvv");
    }

    @Test
    void normalOutputsAreMergedAsBefore() {
        Map<String, Object> result = collect(Map.of("A", "1"), "A=2\nB=3");

        assertThat(result).containsExactly(Map.entry("A", "2"), Map.entry("B", "3"));
        assertThat(warnings.snapshot()).isEmpty();
    }
}
