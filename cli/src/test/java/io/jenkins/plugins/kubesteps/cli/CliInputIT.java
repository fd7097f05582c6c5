package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the packaged CLI: one line on stderr that names the file and says what is wrong,
 * exit code 2, never a stack trace; and what a missing namespace gives.
 */
class CliInputIT extends ClusterCliTest {
    /** Valid YAML up to the bytes that are not UTF-8 (a Latin-1 "ü"). */
    private static final byte[] NOT_UTF8 = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: gr\u00fc}\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private static final int OFFSET_OF_U = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: gr".length();

    @Test
    void aBinaryManifestFileExitsTwoNamingTheFileAndOffset() throws Exception {
        Path file = work.resolve("latin1-job.yaml");
        Files.write(file, NOT_UTF8);

        Run run = CliProcess.start(work, "run-job", "--file", file.toString(), "--kubeconfig", admin());

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(KubeSteps.INVALID_INPUT);
        assertOneLine(run, file + ": not UTF-8 text (byte offset " + OFFSET_OF_U + ")");
    }

    @Test
    void binaryOnStdinExitsTwoNamingStdin() throws Exception {
        Path file = work.resolve("stdin.bin");
        Files.write(file, NOT_UTF8);

        Run run = CliProcess.start(work, List.of(), file, "run-job", "--file", "-", "--kubeconfig", admin());

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(KubeSteps.INVALID_INPUT);
        assertOneLine(run, "stdin: not UTF-8 text (byte offset " + OFFSET_OF_U + ")");
    }

    @Test
    void aBinaryKubeconfigExitsTwoNamingTheFile() throws Exception {
        Path kubeconfig = work.resolve("binary.kubeconfig");
        byte[] bytes = Files.readAllBytes(cluster.adminKubeconfig());
        bytes[40] = (byte) 0xff;
        Files.write(kubeconfig, bytes);
        Path job = CliProcess.manifest(work, "never-", "true");

        Run run = CliProcess.start(work, "run-job", "--file", job.toString(), "--kubeconfig", kubeconfig.toString());

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(KubeSteps.INVALID_INPUT);
        assertOneLine(run, kubeconfig + ": not UTF-8 text (byte offset 40)");
    }

    @Test
    void anAliasBombIsRefusedAtOnceInASmallHeap() throws Exception {
        StringBuilder bomb = new StringBuilder("apiVersion: batch/v1\nkind: Job\nx0: &x0 [a, b]\n");
        for (int i = 1; i <= 24; i++) {
            bomb.append("x%d: &x%d [*x%d,*x%d]\n".formatted(i, i, i - 1, i - 1));
        }
        Path file = work.resolve("bomb.yaml");
        Files.writeString(file, bomb);

        Run run = CliProcess.start(
                work, List.of("-Xmx64m"), null, "run-job", "--file", file.toString(), "--kubeconfig", admin());

        assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.describe()).isEqualTo(KubeSteps.INVALID_INPUT);
        assertOneLine(run, file + ": aliases expand too far");
    }

    @Test
    void aNamespaceThatDoesNotExistExitsThree() throws Exception {
        Path job = CliProcess.manifest(work, "nowhere-", "true");

        Run run = CliProcess.start(
                work,
                "run-job",
                "--file",
                job.toString(),
                "--kubeconfig",
                admin(),
                "--namespace",
                "no-such-namespace-" + ProcessHandle.current().pid());

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(KubeSteps.CLUSTER_ERROR);
        assertThat(run.stderr()).contains("no-such-namespace").contains("404");
    }

    private static void assertOneLine(Run run, String startsWith) {
        assertThat(run.stderr().lines().toList())
                .as(run.describe())
                .singleElement()
                .asString()
                .startsWith("kubesteps: " + startsWith);
        assertThat(run.stdout()).as("nothing on stdout").isEmpty();
    }
}
