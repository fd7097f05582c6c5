package io.jenkins.plugins.kubesteps.bench;

import io.jenkins.plugins.kubesteps.cli.KubeSteps;
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

    @Parameters(
            index = "0",
            defaultValue = "1g",
            description = "Log size with a k, m or g suffix: 256m, 1g ... (default: ${DEFAULT-VALUE})")
    String size;

    @Override
    public Integer call() {
        ScanBenchmark.main(new String[] {size});
        return KubeSteps.OK;
    }
}
