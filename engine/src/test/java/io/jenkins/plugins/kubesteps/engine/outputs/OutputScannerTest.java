package io.jenkins.plugins.kubesteps.engine.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jenkins.plugins.kubesteps.engine.logs.LineDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputScannerTest {
    private final List<String> warnings = new ArrayList<>();

    private Map<String, Object> scan(String... lines) {
        OutputScanner scanner = new OutputScanner("build-x7k2p/main", warnings::add);
        for (String line : lines) {
            scanner.line(line, false);
        }
        return scanner.outputs();
    }

    /** Through a decoder, as a pod's log arrives: bytes in chunks of the given sizes. */
    private Map<String, Object> stream(String log, int maxLineChars, int... chunkSizes) {
        OutputScanner scanner = new OutputScanner("build-x7k2p/main", warnings::add);
        LineDecoder decoder = new LineDecoder(maxLineChars, scanner::line);
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        for (int i = 0; offset < bytes.length; i++) {
            int n = Math.min(chunkSizes[i % chunkSizes.length], bytes.length - offset);
            decoder.accept(bytes, offset, n);
            offset += n;
        }
        decoder.finish();
        return scanner.outputs();
    }

    @Test
    void keepsKeysExactlyAsPrinted() {
        assertThat(scan("SPINNAKER_PROPERTY_IMAGE=registry/app:1.2", "SPINNAKER_PROPERTY_buildNumber=42"))
                .containsExactly(entry("IMAGE", "registry/app:1.2"), entry("buildNumber", "42"));
    }

    @Test
    void splitsAtTheFirstEqualsSoBase64AndExpressionsSurvive() {
        assertThat(scan("SPINNAKER_PROPERTY_TOKEN=dmFsdWU9PQ==", "SPINNAKER_PROPERTY_EXPR=a=b==c"))
                .containsExactly(entry("TOKEN", "dmFsdWU9PQ=="), entry("EXPR", "a=b==c"));
    }

    @Test
    void keepsEmptyValues() {
        assertThat(scan("SPINNAKER_PROPERTY_EMPTY=")).containsExactly(entry("EMPTY", ""));
    }

    @Test
    void keepsUnicodeKeysAndValues() {
        assertThat(scan("SPINNAKER_PROPERTY_Größe=10 €", "SPINNAKER_PROPERTY_名前=テスト 🚀"))
                .containsExactly(entry("Größe", "10 €"), entry("名前", "テスト 🚀"));
    }

    @Test
    void laterValuesWinButKeysKeepTheirFirstPosition() {
        assertThat(scan("SPINNAKER_PROPERTY_A=1", "SPINNAKER_PROPERTY_B=2", "SPINNAKER_PROPERTY_A=3"))
                .containsExactly(entry("A", "3"), entry("B", "2"));
    }

    @Test
    void mergesJsonLinesShallowlyWithNaturalTypes() {
        Map<String, Object> outputs = scan(
                "SPINNAKER_CONFIG_JSON={\"image\":\"app:1\",\"replicas\":3,\"meta\":{\"a\":1}}",
                "some other line",
                "SPINNAKER_CONFIG_JSON={\"image\":\"app:2\",\"ok\":true,\"meta\":{\"b\":2},\"ids\":[1,2],\"n\":null}");

        assertThat(outputs)
                .containsExactly(
                        entry("image", "app:2"),
                        entry("replicas", 3),
                        entry("meta", Map.of("b", 2)),
                        entry("ok", true),
                        entry("ids", List.of(1, 2)),
                        entry("n", null));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aMalformedJsonLineIsReportedByLineNumberAndTheRestKept() {
        Map<String, Object> outputs = scan(
                "SPINNAKER_CONFIG_JSON={\"a\":\"1\"}",
                "SPINNAKER_CONFIG_JSON={\"password\": hunter2}",
                "SPINNAKER_PROPERTY_B=2",
                "SPINNAKER_CONFIG_JSON={\"c\":\"3\"}");

        assertThat(outputs).containsExactly(entry("a", "1"), entry("B", "2"), entry("c", "3"));
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning)
                .contains("build-x7k2p/main line 2")
                .contains("not valid JSON")
                .doesNotContain("hunter2"));
    }

    @Test
    void reportsJsonThatIsNotAnObjectOrHasTrailingText() {
        Map<String, Object> outputs = scan(
                "SPINNAKER_CONFIG_JSON=[1,2]",
                "SPINNAKER_CONFIG_JSON={\"a\":1} {\"b\":2}",
                "SPINNAKER_CONFIG_JSON={\"a\":1",
                "SPINNAKER_CONFIG_JSON=");

        assertThat(outputs).isEmpty();
        assertThat(warnings)
                .satisfiesExactly(
                        w -> assertThat(w).contains("line 1").contains("a JSON array, not a JSON object"),
                        w -> assertThat(w).contains("line 2").contains("more text after the JSON object"),
                        w -> assertThat(w).contains("line 3").contains("ends before"),
                        w -> assertThat(w).contains("line 4").contains("is empty"));
    }

    @Test
    void reportsPropertyMarkersWithoutKeyOrEquals() {
        assertThat(scan("SPINNAKER_PROPERTY_NOVALUE", "SPINNAKER_PROPERTY_=x")).isEmpty();
        assertThat(warnings)
                .satisfiesExactly(
                        w -> assertThat(w).contains("line 1").contains("no '='"),
                        w -> assertThat(w).contains("line 2").contains("no key"));
    }

    @Test
    void takesMarkersOnlyAtTheLineStartAfterBlanksOrATimestamp() {
        Map<String, Object> outputs = scan(
                "echo SPINNAKER_PROPERTY_ECHOED=1",
                "+ SPINNAKER_PROPERTY_TRACED=1",
                "  \tSPINNAKER_PROPERTY_INDENTED=1",
                "2026-11-22T02:11:42.123456789Z SPINNAKER_PROPERTY_STAMPED=1",
                "2026-11-22T03:11:42+01:00 SPINNAKER_PROPERTY_OFFSET=1",
                "2026-11-22T02:11:42.1Z stdout F SPINNAKER_PROPERTY_CRI=1",
                "2026-11-22T02:11:42.1Z    SPINNAKER_CONFIG_JSON={\"json\":1}",
                "2026-11-22T02:11:42.1Z echo SPINNAKER_PROPERTY_STAMPED_ECHO=1",
                "spinnaker_property_LOWER=1",
                "SPINNAKER_OTHER=1");

        assertThat(outputs.keySet()).containsExactly("INDENTED", "STAMPED", "OFFSET", "CRI", "json");
        assertThat(warnings).isEmpty();
    }

    @Test
    void stripsCrlfFromValues() {
        assertThat(stream("SPINNAKER_PROPERTY_X=1\r\nSPINNAKER_PROPERTY_Y=2\r\n", 64, 4096))
                .containsExactly(entry("X", "1"), entry("Y", "2"));
    }

    @Test
    void takesAnUnterminatedLastLine() {
        assertThat(stream("log\nSPINNAKER_PROPERTY_LAST=yes", 64, 4096)).containsExactly(entry("LAST", "yes"));
    }

    @Test
    void sameOutputsWhateverTheChunking() {
        String log = "2026-11-22T02:11:42.1Z starting\n"
                + "2026-11-22T02:11:42.2Z SPINNAKER_PROPERTY_GREETING=grüß dich 🚀\r\n"
                + "2026-11-22T02:11:42.3Z SPINNAKER_CONFIG_JSON={\"€\":\"¥\",\"n\":1}\n"
                + "bad \u00ff bytes\n"
                + "SPINNAKER_PROPERTY_B64=dmFsdWU9PQ==";
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("GREETING", "grüß dich 🚀");
        expected.put("€", "¥");
        expected.put("n", 1);
        expected.put("B64", "dmFsdWU9PQ==");

        assertThat(stream(log, 64 * 1024, 1)).isEqualTo(expected);
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int[] chunks = random.ints(8, 1, 20).toArray();
            int maxLineChars = 8 + random.nextInt(60);
            assertThat(stream(log, maxLineChars, chunks)).as("round %d", round).isEqualTo(expected);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void findsAMarkerWhoseTimestampPrefixArrivesInSmallPieces() {
        OutputScanner scanner = new OutputScanner("p/c", warnings::add);
        String line = "2026-11-22T02:11:42.123456789Z stdout F   SPINNAKER_PROPERTY_K=v";
        for (int i = 0; i < line.length(); i += 5) {
            scanner.line(line.substring(i, Math.min(line.length(), i + 5)), i + 5 < line.length());
        }
        assertThat(scanner.outputs()).containsExactly(entry("K", "v"));
    }

    @Test
    void skipsAFiveMebibyteMarkerLineWithAWarningAndKeepsGoing() {
        String huge = "SPINNAKER_PROPERTY_HUGE=" + "x".repeat(5 * 1024 * 1024);
        Map<String, Object> outputs = stream(
                "SPINNAKER_PROPERTY_BEFORE=1\n" + huge + "\nSPINNAKER_PROPERTY_AFTER=2\n",
                LineDecoder.DEFAULT_MAX_LINE_CHARS,
                65536);

        assertThat(outputs).containsExactly(entry("BEFORE", "1"), entry("AFTER", "2"));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("build-x7k2p/main line 2")
                .contains("longer than " + OutputScanner.MAX_MARKER_LINE_CHARS));
    }

    @Test
    void aFiveMebibyteLineThatIsNoMarkerIsIgnoredSilently() {
        String huge = "2026-11-22T02:11:42.1Z " + "y".repeat(5 * 1024 * 1024);
        Map<String, Object> outputs =
                stream(huge + "\nSPINNAKER_PROPERTY_AFTER=2\n", LineDecoder.DEFAULT_MAX_LINE_CHARS, 65536);

        assertThat(outputs).containsExactly(entry("AFTER", "2"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void acceptsAMarkerLineOfExactlyTheLimitAndNotOneCharMore() {
        // padded with JSON blanks: a value this long would be dropped at BoundedOutputs.MAX_VALUE_BYTES
        int blanks = OutputScanner.MAX_MARKER_LINE_CHARS - "SPINNAKER_CONFIG_JSON={\"K\":\"v\"}".length();
        String fits = "SPINNAKER_CONFIG_JSON={\"K\":\"v\"" + " ".repeat(blanks) + "}";
        String tooLong = "SPINNAKER_CONFIG_JSON={\"K\":\"w\"" + " ".repeat(blanks + 1) + "}";

        Map<String, Object> outputs =
                stream(fits + "\nSPINNAKER_PROPERTY_N=1\n" + tooLong + "\n", LineDecoder.DEFAULT_MAX_LINE_CHARS, 65536);

        assertThat(fits).hasSize(OutputScanner.MAX_MARKER_LINE_CHARS);
        assertThat(outputs).containsExactly(entry("K", "v"), entry("N", "1"));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("line 3")
                .contains("longer than " + OutputScanner.MAX_MARKER_LINE_CHARS));
    }

    @Test
    void outputsIsASnapshot() {
        OutputScanner scanner = new OutputScanner("p/c", warnings::add);
        scanner.line("SPINNAKER_PROPERTY_A=1", false);
        Map<String, Object> before = scanner.outputs();

        scanner.line("SPINNAKER_PROPERTY_B=2", false);

        assertThat(before).containsOnlyKeys("A");
        assertThat(scanner.outputs()).containsOnlyKeys("A", "B");
    }

    @Test
    void mergeIsShallowLaterWinsFirstSeenOrder() {
        Map<String, Object> earlier = new LinkedHashMap<>();
        earlier.put("a", "1");
        earlier.put("nested", Map.of("x", 1));
        earlier.put("b", "2");
        Map<String, Object> later = new LinkedHashMap<>();
        later.put("nested", Map.of("y", 2));
        later.put("c", "3");
        later.put("a", "9");

        assertThat(OutputScanner.merge(earlier, later))
                .containsExactly(entry("a", "9"), entry("nested", Map.of("y", 2)), entry("b", "2"), entry("c", "3"));
        assertThat(OutputScanner.merge(null, later)).isEqualTo(later);
    }
}
