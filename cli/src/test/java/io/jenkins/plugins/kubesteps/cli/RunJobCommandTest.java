package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.job.Failure;
import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of run-job for inputs that never reach a running Job. */
class RunJobCommandTest {
    private static final String JOB =
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: t-
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: main
                      image: busybox
                      command: ["true"]
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path kubeconfigFor(String server) throws Exception {
        Path kc = dir.resolve("kubeconfig");
        Files.writeString(
                kc,
                """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "%s"}
                users:
                - name: u
                  user: {token: "s3cr3t-token-value"}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u, namespace: ns1}
                current-context: ctx
                """
                        .formatted(server));
        return kc;
    }

    @Test
    void aManifestThatIsNotAJobExitsWith2AndSaysWhatItFound() throws Exception {
        Path f = dir.resolve("svc.yaml");
        Files.writeString(f, "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
        int code = KubeSteps.run(
                "run-job",
                "--file",
                f.toString(),
                "--kubeconfig",
                kubeconfigFor("https://127.0.0.1:1").toString());
        assertThat(code).isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(stderr()).contains("svc.yaml").contains("Service");
    }

    @Test
    void aMissingFileExitsWith2() throws Exception {
        int code = KubeSteps.run("run-job", "--file", dir.resolve("nope.yaml").toString());
        assertThat(code).isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(stderr()).contains("nope.yaml").contains("no such file");
    }

    @Test
    void aBadOptionValueExitsWith2() throws Exception {
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, JOB);
        assertThat(KubeSteps.run("run-job", "--file", f.toString(), "--cleanup", "sometimes"))
                .isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(stderr()).contains("sometimes").contains("on-success");
        assertThat(KubeSteps.run("run-job", "--file", f.toString(), "--timeout", "soon"))
                .isEqualTo(KubeSteps.INVALID_INPUT);
    }

    @Test
    void anUnreachableClusterExitsWith3WithoutShowingTheToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, JOB);
        int code = KubeSteps.run(
                "run-job",
                "--file",
                f.toString(),
                "--kubeconfig",
                kubeconfigFor("https://127.0.0.1:" + port).toString(),
                "--timeout",
                "20s");
        assertThat(code).isEqualTo(KubeSteps.CLUSTER_ERROR);
        assertThat(stderr()).contains("127.0.0.1:" + port).doesNotContain("s3cr3t-token-value");
    }

    @Test
    void aSucceededJobWithIncompleteOutputsExitsFourUnlessAccepted() {
        JobRef job = new JobRef("ns", "j", "uid");
        JobResult incomplete =
                new JobResult(JobStatus.SUCCEEDED, job, Map.of("A", "1"), null, null, List.of(), List.of("j-x/main"));
        JobResult complete = new JobResult(JobStatus.SUCCEEDED, job, Map.of(), null, null, List.of());
        JobResult failed = new JobResult(
                JobStatus.FAILED,
                job,
                Map.of(),
                null,
                new Failure("Error", "x", List.of()),
                List.of(),
                List.of("j-x/main"));

        assertThat(KubeSteps.exitCode(incomplete, false)).isEqualTo(KubeSteps.INCOMPLETE_OUTPUTS);
        assertThat(KubeSteps.exitCode(incomplete, true)).isEqualTo(KubeSteps.OK);
        assertThat(KubeSteps.exitCode(complete, false)).isEqualTo(KubeSteps.OK);
        assertThat(KubeSteps.exitCode(failed, false))
                .as("a failed Job is a failure first")
                .isEqualTo(KubeSteps.JOB_FAILED);
        assertThat(ResultJson.toMap(incomplete))
                .containsEntry("outputsComplete", false)
                .containsEntry("incompleteOutputs", List.of("j-x/main"));
    }
}
