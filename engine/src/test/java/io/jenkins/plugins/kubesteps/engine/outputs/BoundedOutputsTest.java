package io.jenkins.plugins.kubesteps.engine.outputs;

import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_KEYS;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_KEY_CHARS;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_TOTAL_BYTES;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_VALUE_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedOutputsTest {
    private final List<String> warnings = new ArrayList<>();
    private final BoundedOutputs outputs = new BoundedOutputs("pod/c", warnings::add);

    @Test
    void takesAValueOfExactlyTheLimitAndNotOneByteMore() {
        assertThat(outputs.put("FITS", "v".repeat(MAX_VALUE_BYTES), 1)).isTrue();
        assertThat(outputs.put("OVER", "v".repeat(MAX_VALUE_BYTES + 1), 2)).isFalse();

        assertThat(outputs.snapshot()).containsOnlyKeys("FITS");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("pod/c line 2: ")
                .contains("\"OVER\"")
                .contains("65,537 bytes")
                .contains("limit of 65,536 bytes"));
    }

    @Test
    void measuresStringsInUtf8Bytes() {
        // half the limit in characters, past it in bytes
        String twoByteChars = "é".repeat(MAX_VALUE_BYTES / 2 + 1);
        String fourByteChars = "🚀".repeat(MAX_VALUE_BYTES / 4);

        assertThat(outputs.put("E", twoByteChars, 0)).isFalse();
        assertThat(outputs.put("ROCKETS", fourByteChars, 0)).isTrue();
        assertThat(BoundedOutputs.utf8Bytes("aé€🚀")).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void measuresOtherJsonValuesAsCompactJson() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", List.of(1, 2));
        nested.put("b", null);
        assertThat(BoundedOutputs.valueBytes(nested)).isEqualTo("{\"a\":[1,2],\"b\":null}".length());
        assertThat(BoundedOutputs.valueBytes(null)).isEqualTo(4);
        assertThat(BoundedOutputs.valueBytes(true)).isEqualTo(4);

        // each element is "1," in JSON: two bytes
        List<Integer> over = Collections.nCopies(MAX_VALUE_BYTES / 2, 1);
        assertThat(outputs.put("LIST", over, 0)).isFalse();
        assertThat(outputs.put("LIST", over.subList(0, MAX_VALUE_BYTES / 2 - 1), 0))
                .isTrue();
    }

    @Test
    void takesAKeyOfExactlyTheLimitAndNotOneCharMore() {
        String fits = "K".repeat(MAX_KEY_CHARS);

        assertThat(outputs.put(fits, "1", 1)).isTrue();
        assertThat(outputs.put(fits + "K", "2", 2)).isFalse();

        assertThat(outputs.snapshot()).containsOnlyKeys(fits);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("257 characters")
                .contains("limit of 256 characters")
                // the key is quoted, cut short
                .contains("\"" + "K".repeat(BoundedOutputs.KEY_CHARS_IN_WARNINGS) + "...\""));
    }

    @Test
    void replacingAValueIsAllowedAtTheKeyLimitAndLaterValuesWin() {
        for (int i = 0; i < MAX_KEYS; i++) {
            outputs.put("K" + i, "v", 0);
        }

        assertThat(outputs.put("K0", "new", 0)).isTrue();
        assertThat(outputs.put("EXTRA", "v", 0)).isFalse();

        assertThat(outputs.snapshot()).hasSize(MAX_KEYS).containsEntry("K0", "new");
        assertThat(outputs.snapshot().keySet()).first().isEqualTo("K0");
    }

    @Test
    void theTotalCountsAReplacedValueOnlyOnce() {
        String big = "x".repeat(MAX_VALUE_BYTES - 100);
        // 8 such entries leave less room than one more of them
        for (int i = 0; i < 8; i++) {
            assertThat(outputs.put("K" + i, big, 0)).as("K%d", i).isTrue();
        }
        assertThat(outputs.put("K8", big, 0)).isFalse();

        // the same key again in full: old size out, new size in
        assertThat(outputs.put("K0", big + "y", 0)).isTrue();
        // a smaller value makes room for the new key
        assertThat(outputs.put("K1", "small", 0)).isTrue();
        assertThat(outputs.put("K8", big, 0)).isTrue();

        assertThat(outputs.snapshot()).hasSize(9).containsEntry("K1", "small");
        assertThat(totalBytes(outputs.snapshot())).isLessThanOrEqualTo(MAX_TOTAL_BYTES);
    }

    @Test
    void aTooLargeLaterValueLeavesTheEarlierOneAndSaysSo() {
        outputs.put("TOKEN", "first", 1);

        outputs.put("TOKEN", "s3cr3t".repeat(MAX_VALUE_BYTES / 6 + 1), 2);

        assertThat(outputs.snapshot()).containsExactly(entry("TOKEN", "first"));
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .contains("\"TOKEN\"")
                .contains("keeps its earlier value")
                .doesNotContain("s3cr3t"));
    }

    @Test
    void aSingleDropIsWarnedButNotSummedUp() {
        outputs.put("BIG", "x".repeat(MAX_VALUE_BYTES + 1), 3);

        assertThat(warnings).hasSize(1);
        assertThat(outputs.summary()).isEmpty();
    }

    @Test
    void eachKindOfDropIsWarnedOnceAndSummedUp() {
        for (int i = 0; i < 3; i++) {
            outputs.put("BIG" + i, "x".repeat(MAX_VALUE_BYTES + 1), i + 1);
            outputs.put("LONG" + "K".repeat(MAX_KEY_CHARS) + i, "v", i + 1);
        }

        assertThat(warnings)
                .satisfiesExactly(
                        w -> assertThat(w).startsWith("pod/c line 1: ").contains("\"BIG0\""),
                        w -> assertThat(w).startsWith("pod/c line 1: ").contains("\"LONGKKK"));
        assertThat(outputs.summary())
                .containsExactly(
                        "pod/c: 3 output keys dropped in all (limit 256 characters per key)",
                        "pod/c: 3 output values dropped in all (limit 65,536 bytes per value)");
    }

    @Test
    void quotesKeysWithoutControlCharacters() {
        assertThat(BoundedOutputs.quoteKey("A\u001B[2JB\u0007\n\u007F\u009BC")).isEqualTo("\"A?[2JB????C\"");
        // a surrogate pair is not cut in half
        String key = "k".repeat(BoundedOutputs.KEY_CHARS_IN_WARNINGS - 1) + "🚀🚀";
        assertThat(BoundedOutputs.quoteKey(key)).isEqualTo("\"" + "k".repeat(99) + "...\"");
    }

    /** Measured apart from the code under test: every value here is a string. */
    static long totalBytes(Map<String, Object> outputs) {
        return outputs.entrySet().stream()
                .mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                        + ((String) e.getValue()).getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }
}
