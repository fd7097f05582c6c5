package io.jenkins.plugins.kubesteps.engine.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTextTest {
    private static final String MESSAGE = "termination message of build-x7k2p/main";
    private static final String CONFIG_MAP = "ConfigMap job-results key outputs.json";

    @Test
    void readsATerminationMessageHoldingAJsonObject() {
        OutputText.Parsed parsed =
                OutputText.fromTerminationMessage(MESSAGE, "  {\"image\":\"app:2\",\"count\":3,\"tags\":[\"a\"]}\n");

        assertThat(parsed.outputs())
                .containsExactly(entry("image", "app:2"), entry("count", 3), entry("tags", java.util.List.of("a")));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void readsKeyValueLinesAndMarkerLines() {
        OutputText.Parsed parsed = OutputText.fromTerminationMessage(
                MESSAGE,
                "IMAGE=registry/app:1.2\r\n"
                        + "TOKEN=dmFsdWU9PQ==\n"
                        + "\n"
                        + "EMPTY=\n"
                        + "SPINNAKER_PROPERTY_Mixed=yes\n"
                        + "SPINNAKER_CONFIG_JSON={\"fromJson\":true}\n"
                        + "IMAGE=registry/app:1.3");

        assertThat(parsed.outputs())
                .containsExactly(
                        entry("IMAGE", "registry/app:1.3"),
                        entry("TOKEN", "dmFsdWU9PQ=="),
                        entry("EMPTY", ""),
                        entry("Mixed", "yes"),
                        entry("fromJson", true));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void skipsLinesThatAreNotKeyValueWithOneWarning() {
        OutputText.Parsed parsed = OutputText.fromTerminationMessage(
                MESSAGE, "RESULT=ok\nError: disk full\nsee the log = please\nsecret-ish text");

        assertThat(parsed.outputs()).containsExactly(entry("RESULT", "ok"));
        assertThat(parsed.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith(MESSAGE)
                .contains("3 line(s)")
                .contains("first: line 2")
                .doesNotContain("disk full")
                .doesNotContain("secret-ish"));
    }

    @Test
    void warnsAboutBrokenJsonInATerminationMessageWithoutQuotingIt() {
        OutputText.Parsed parsed = OutputText.fromTerminationMessage(MESSAGE, "{\"password\": hunter2}");

        assertThat(parsed.outputs()).isEmpty();
        assertThat(parsed.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith(MESSAGE)
                .contains("not valid JSON")
                .doesNotContain("hunter2"));
    }

    @Test
    void aBlankTerminationMessageGivesNothing() {
        assertThat(OutputText.fromTerminationMessage(MESSAGE, null).outputs()).isEmpty();
        OutputText.Parsed blank = OutputText.fromTerminationMessage(MESSAGE, " \n ");
        assertThat(blank.outputs()).isEmpty();
        assertThat(blank.warnings()).isEmpty();
    }

    @Test
    void readsAConfigMapJsonObjectKeepingNulls() {
        OutputText.Parsed parsed = OutputText.fromConfigMap(CONFIG_MAP, "{\"a\":\"1\",\"b\":null,\"c\":{\"d\":1.5}}");

        assertThat(parsed.outputs()).containsExactly(entry("a", "1"), entry("b", null), entry("c", Map.of("d", 1.5)));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void warnsAboutAConfigMapValueThatIsNotAJsonObject() {
        assertThat(OutputText.fromConfigMap(CONFIG_MAP, "[1,2]").warnings())
                .singleElement()
                .satisfies(w -> assertThat(w).startsWith(CONFIG_MAP).contains("a JSON array"));
        assertThat(OutputText.fromConfigMap(CONFIG_MAP, "KEY=value").warnings())
                .singleElement()
                .satisfies(w -> assertThat(w).startsWith(CONFIG_MAP).contains("not valid JSON"));
        assertThat(OutputText.fromConfigMap(CONFIG_MAP, "").warnings())
                .singleElement()
                .satisfies(w -> assertThat(w).startsWith(CONFIG_MAP).contains("is empty"));
    }
}
