package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsKubectlStyleDurations() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("45")).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Durations.parse("30 minutes"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'30 minutes'")
                .hasMessageContaining("1h30m");
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> Durations.parse("5m3x")).isInstanceOf(InvalidInputException.class);
    }
}
