package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.deploy.DeployRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options and exit codes of deploy for inputs that never reach the cluster's objects. */
class DeployCommandTest {
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

    private Path manifests() throws Exception {
        Path app = Files.createDirectories(dir.resolve("Shop Front"));
        Files.writeString(app.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        return app;
    }

    @Test
    void optionsBecomeTheRequestAndTheApplicationDefaultsToTheDirectoryName() throws Exception {
        DeployCommand command = new DeployCommand();
        new CommandLine(command)
                .parseArgs(
                        "--file",
                        manifests().toString(),
                        "--artifact",
                        "registry:5000/team/web=registry:5000/team/web:1.4.2",
                        "--required",
                        "registry:5000/team/web",
                        "--no-wait",
                        "--timeout",
                        "90s");
        DeployRequest request = command.request();
        assertThat(request.application()).isEqualTo("shop-front");
        assertThat(request.artifacts()).containsEntry("registry:5000/team/web", "registry:5000/team/web:1.4.2");
        assertThat(request.requiredArtifacts()).containsExactly("registry:5000/team/web");
        assertThat(request.waitForStable()).isFalse();
        assertThat(request.timeout()).hasSeconds(90);
        assertThat(request.manifests()).hasSize(1);
    }

    @Test
    void anArtifactWithoutReferenceExitsWith2() throws Exception {
        int code = KubeSteps.run("deploy", "--file", manifests().toString(), "--artifact", "registry:5000/team/web");
        assertThat(code).isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(stderr()).contains("--artifact registry:5000/team/web: write NAME=REFERENCE");
    }

    @Test
    void anUnreachableClusterExitsWith3WithoutShowingTheToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                ("{apiVersion: v1, kind: Config, clusters: [{name: c, cluster: {server: 'https://127.0.0.1:%d'}}],"
                                + " users: [{name: u, user: {token: s3cr3t-token-value}}], contexts: [{name: x,"
                                + " context: {cluster: c, user: u}}], current-context: x}")
                        .formatted(port));
        int code = KubeSteps.run(
                "deploy", "--file", manifests().toString(), "--kubeconfig", kubeconfig.toString(), "--timeout", "20s");
        assertThat(code).isEqualTo(KubeSteps.CLUSTER_ERROR);
        assertThat(stderr()).contains("127.0.0.1:" + port).doesNotContain("s3cr3t-token-value");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
