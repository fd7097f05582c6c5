package io.jenkins.plugins.kubesteps.bench;

import io.jenkins.plugins.kubesteps.cli.Durations;
import io.jenkins.plugins.kubesteps.cli.KubeSteps;
import io.jenkins.plugins.kubesteps.cli.KubeconfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "bench-concurrent",
        mixinStandardHelpOptions = true,
        description = {
            "Follows N Jobs at once with one engine in this JVM, as a Jenkins controller does, and reports wall"
                    + " time, completion latency, peak threads and heap, and the API server's watches and requests.",
            "Needs a kubeconfig allowed to read the API server's /metrics (a local test cluster's admin).",
            "./kubesteps runs it with -Xmx256m."
        })
final class BenchConcurrentCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "How many Jobs to follow at once.")
    int jobs;

    @Option(names = "--kubeconfig", description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", description = "Kubeconfig context (default: its current context).")
    String context;

    @Option(
            names = "--lines",
            defaultValue = "20",
            description = "Log lines each Job prints before its output (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(
            names = "--sleep",
            defaultValue = "15",
            description = "Seconds each Job sleeps after its lines, so the Jobs overlap (default: ${DEFAULT-VALUE}).")
    int sleep;

    @Option(
            names = "--timeout",
            defaultValue = "15m",
            converter = Durations.class,
            description = "How long to wait for all Jobs (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--keep", description = "Keep the benchmark's namespace (it is deleted by default).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        ConcurrentBench.Settings settings = new ConcurrentBench.Settings(jobs, lines, sleep, timeout, keep);
        boolean allGood =
                new ConcurrentBench(KubeconfigFile.credentials(kubeconfig, context), settings, System.out).run();
        return allGood ? KubeSteps.OK : KubeSteps.JOB_FAILED;
    }
}
