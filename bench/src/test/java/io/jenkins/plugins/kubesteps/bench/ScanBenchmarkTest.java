package io.jenkins.plugins.kubesteps.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanBenchmarkTest {

    @Test
    void theGeneratedBlockIsOneMebibyteOfWholeLines() {
        byte[] block = ScanBenchmark.block();

        assertThat(block).hasSize(ScanBenchmark.BLOCK_BYTES);
        assertThat(block[block.length - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void scansTheRequestedBytesAndFindsTheMarkers() {
        ScanBenchmark.Result result = ScanBenchmark.run(3L * 1024 * 1024 + 12345);

        assertThat(result.bytes()).isEqualTo(3L * 1024 * 1024 + 12345);
        // 7 SPINNAKER_PROPERTY_KEY_n keys plus the 3 keys of the JSON line.
        assertThat(result.outputs()).isEqualTo(10);
        assertThat(result.nanos()).isPositive();
        assertThat(result.megabytesPerSecond()).isPositive();
        assertThat(result.peakHeapBytes()).isPositive();
    }

    @Test
    void parsesSizesWithBinarySuffixes() {
        assertThat(ScanBenchmark.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(ScanBenchmark.parseSize("256M")).isEqualTo(256L << 20);
        assertThat(ScanBenchmark.parseSize("64k")).isEqualTo(64L << 10);
        assertThat(ScanBenchmark.parseSize("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> ScanBenchmark.parseSize("lots")).hasMessageContaining("e.g. 1g");
        assertThatThrownBy(() -> ScanBenchmark.parseSize("-1m")).hasMessageContaining("e.g. 1g");
    }
}
