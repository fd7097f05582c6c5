package io.jenkins.plugins.kubesteps.engine.outputs;

import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_KEYS;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_TOTAL_BYTES;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_VALUE_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a Job can push through its outputs stays within {@link BoundedOutputs}, whatever the source. */
class OutputBoundsTest {
    private final List<String> warnings = new ArrayList<>();
    private final OutputScanner scanner = new OutputScanner("pod/c", warnings::add);

    private void scan(String... lines) {
        for (String line : lines) {
            scanner.line(line, false);
        }
    }

    /** A JSON object of {@code count} keys {@code K0, K1, ...}, each with {@code value}. */
    private static String jsonObject(int count, String value) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"K" + i + "\":\"" + value + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Test
    void keepsTheFirstThousandOfAHundredThousandKeys() {
        for (int i = 0; i < 100_000; i++) {
            scanner.line("SPINNAKER_PROPERTY_K" + i + "=v", false);
        }

        assertThat(scanner.outputs().keySet())
                .containsExactlyElementsOf(
                        IntStream.range(0, MAX_KEYS).mapToObj(i -> "K" + i).toList());
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("pod/c line 1001: ")
                .contains("\"K1000\"")
                .contains("1,000 output keys")
                .contains("every later new key is dropped"));
        assertThat(scanner.summary()).containsExactly("pod/c: 99,000 output keys dropped in all (limit 1,000 keys)");
    }

    @Test
    void dropsATooLargeValueNamingTheKeyNotTheValueAndKeepsTheEarlierOne() {
        String secret = "hunter2-" + "x".repeat(MAX_VALUE_BYTES);

        scan("SPINNAKER_PROPERTY_PASSWORD=short", "SPINNAKER_PROPERTY_PASSWORD=" + secret, "SPINNAKER_PROPERTY_N=1");

        assertThat(scanner.outputs()).containsExactly(entry("PASSWORD", "short"), entry("N", "1"));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("pod/c line 2: ")
                .contains("\"PASSWORD\"")
                .contains("limit of 65,536 bytes per value")
                .contains("keeps its earlier value")
                .doesNotContain("hunter2")
                .doesNotContain("xxxx"));
    }

    @Test
    void keepsAllOutputsTogetherUnderTheTotalLimit() {
        String value = "v".repeat(60 * 1024);
        for (int i = 0; i < 20; i++) {
            scanner.line("SPINNAKER_PROPERTY_K" + i + "=" + value, false);
        }

        // 8 of 60 KiB fit in 512 KiB, a 9th does not
        assertThat(scanner.outputs()).hasSize(8);
        assertThat(BoundedOutputsTest.totalBytes(scanner.outputs())).isLessThanOrEqualTo(MAX_TOTAL_BYTES);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("pod/c line 9: ")
                .contains("\"K8\"")
                .contains("limit of 524,288"));
        assertThat(scanner.summary())
                .containsExactly("pod/c: 12 outputs dropped in all (limit 524,288 bytes for all outputs together)");
    }

    @Test
    void boundsAJsonLineOfFiveThousandKeys() {
        scan("SPINNAKER_PROPERTY_FIRST=1", "SPINNAKER_CONFIG_JSON=" + jsonObject(5_000, "v"));

        assertThat(scanner.outputs())
                .hasSize(MAX_KEYS)
                .containsEntry("FIRST", "1")
                .containsKey("K998");
        assertThat(scanner.outputs()).doesNotContainKey("K999");
        assertThat(warnings)
                .singleElement()
                .satisfies(w -> assertThat(w).startsWith("pod/c line 2: ").contains("\"K999\""));
        assertThat(scanner.summary()).containsExactly("pod/c: 4,001 output keys dropped in all (limit 1,000 keys)");
    }

    @Test
    void namesAKeyHoldingAnEscapeWithoutTheEscape() {
        scan("SPINNAKER_PROPERTY_\u001B]0;owned\u0007KEY=" + "x".repeat(MAX_VALUE_BYTES + 1));

        assertThat(scanner.outputs()).isEmpty();
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("\"?]0;owned?KEY\"")
                .doesNotContain("\u001B")
                .doesNotContain("\u0007"));
    }

    @Test
    void boundsATerminationMessageInJson() {
        OutputText.Parsed parsed =
                OutputText.fromTerminationMessage("termination message of pod/c", jsonObject(1_500, "v"));

        assertThat(parsed.outputs()).hasSize(MAX_KEYS).containsKey("K999").doesNotContainKey("K1000");
        assertThat(parsed.warnings())
                .satisfiesExactly(
                        w -> assertThat(w)
                                .startsWith("termination message of pod/c: ")
                                .contains("\"K1000\""),
                        w -> assertThat(w)
                                .isEqualTo("termination message of pod/c: 500 output keys dropped in all"
                                        + " (limit 1,000 keys)"));
    }

    @Test
    void boundsATerminationMessageOfKeyValueLines() {
        String message = IntStream.range(0, 1_200).mapToObj(i -> "K" + i + "=v").collect(Collectors.joining("\n"));

        OutputText.Parsed parsed = OutputText.fromTerminationMessage("termination message of pod/c", message);

        assertThat(parsed.outputs()).hasSize(MAX_KEYS);
        assertThat(parsed.warnings())
                .satisfiesExactly(
                        w -> assertThat(w).startsWith("termination message of pod/c line 1001: "),
                        w -> assertThat(w).contains("200 output keys dropped in all"));
    }

    @Test
    void boundsAConfigMapInJson() {
        String json = jsonObject(100, "v".repeat(10 * 1024));

        OutputText.Parsed parsed = OutputText.fromConfigMap("ConfigMap ns/results key outputs.json", json);

        assertThat(parsed.outputs()).hasSizeLessThan(100);
        assertThat(BoundedOutputsTest.totalBytes(parsed.outputs())).isLessThanOrEqualTo(MAX_TOTAL_BYTES);
        assertThat(parsed.warnings())
                .satisfiesExactly(
                        w -> assertThat(w)
                                .startsWith("ConfigMap ns/results key outputs.json: ")
                                .contains("limit of 524,288"),
                        w -> assertThat(w).contains("outputs dropped in all"));
    }

    @Test
    void theScannersMergeIsBoundedToo() {
        Map<String, Object> earlier = new LinkedHashMap<>();
        Map<String, Object> later = new LinkedHashMap<>();
        for (int i = 0; i < MAX_KEYS; i++) {
            earlier.put("E" + i, "1");
            later.put("L" + i, "2");
        }
        later.put("E0", "9");

        Map<String, Object> merged = OutputScanner.merge(earlier, later);

        assertThat(merged).hasSize(MAX_KEYS).containsEntry("E0", "9").doesNotContainKey("L0");
    }
}
