package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficAction;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options and exit codes of disable-/enable-server-group and deploy's traffic options, before any request. */
class TrafficCommandTest {
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

    @Test
    void aClusterTargetWithCriteriaBecomesTheRequest() {
        TrafficCommand command = new TrafficCommand.Enable();
        new CommandLine(command)
                .parseArgs(
                        "--namespace", "shop",
                        "--cluster", "replicaSet frontend",
                        "--criteria", "secondNewest",
                        "--application", "shop",
                        "--service", "web",
                        "--service", "web-admin",
                        "--timeout", "90s");
        TrafficRequest request = command.request();
        assertThat(request.action()).isEqualTo(TrafficAction.ENABLE);
        assertThat(request.target().cluster()).isEqualTo("replicaSet frontend");
        assertThat(request.target().criteria()).isEqualTo(Criteria.SECOND_NEWEST);
        assertThat(request.target().describe()).isEqualTo("second_newest of replicaSet frontend (application shop)");
        assertThat(request.services()).containsExactly("web", "web-admin");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badTargetsExitTwoSayingWhatToWrite() {
        assertThat(KubeSteps.run("disable-server-group", "--namespace", "shop")).isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Name a target");

        assertThat(KubeSteps.run("disable-server-group", "--cluster", "replicaSet web"))
                .isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs criteria");

        assertThat(KubeSteps.run("enable-server-group", "--cluster", "replicaSet web", "--criteria", "latest"))
                .isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Criteria 'latest' is unknown");

        assertThat(KubeSteps.run("enable-server-group", "--target", "web-v001")).isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("target 'web-v001' is not 'kind name'");
    }

    @Test
    void deployTrafficOptions() throws Exception {
        Path file =
                Files.writeString(dir.resolve("app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        DeployCommand command = new DeployCommand();
        new CommandLine(command)
                .parseArgs(
                        "--file",
                        file.toString(),
                        "--traffic-service",
                        "web",
                        "--strategy",
                        "red/black",
                        "--scale-down");
        TrafficManagement traffic = command.request().traffic();
        assertThat(traffic.services()).containsExactly("web");
        assertThat(traffic.strategy()).isEqualTo(TrafficManagement.Strategy.REDBLACK);
        assertThat(traffic.scaleDown()).isTrue();

        assertThat(KubeSteps.run("deploy", "--file", file.toString(), "--strategy", "highlander"))
                .isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Strategy highlander needs the Services");
        assertThat(KubeSteps.run(
                        "deploy",
                        "--file",
                        file.toString(),
                        "--traffic-service",
                        "web",
                        "--strategy",
                        "redblack",
                        "--no-wait"))
                .isEqualTo(KubeSteps.INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot be combined with not waiting");
    }
}
