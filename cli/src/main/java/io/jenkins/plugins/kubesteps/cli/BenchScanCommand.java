package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.outputs.ScanBenchmark;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "bench-scan",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the output scanner on a generated log: throughput and peak heap.",
            "./kubesteps runs it with -Xmx64m."
        })
final class BenchScanCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "1g", description = "Log size: 512m, 1g ... (default: ${DEFAULT-VALUE})")
    String size;

    @Override
    public Integer call() {
        long bytes = parseSize(size);
        ScanBenchmark.Result r = ScanBenchmark.run(bytes);
        System.out.printf(
                Locale.ROOT,
                "scanned %d MiB in %.2f s: %.0f MB/s, peak heap %d MiB (max heap %d MiB), %d outputs%n",
                r.bytes() >> 20,
                r.nanos() / 1e9,
                r.megabytesPerSecond(),
                r.peakHeapBytes() >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                r.outputs());
        return KubeSteps.OK;
    }

    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("g")) {
            unit = 1L << 30;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("k")) {
            unit = 1L << 10;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }
}
