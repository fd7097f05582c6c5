package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.cli.CliProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar kubesteps.jar run-job} as a user runs it: a separate process against the real
 * local cluster, judged by its exit code, its output, its {@code --result} file and what is left
 * on the cluster.
 */
class CliIT extends ClusterCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helloJobExitsZeroAndWritesTheResult() throws Exception {
        Path result = work.resolve("result.json");
        Run run = start(examples().resolve("hello-job.yaml"), "--result", result.toString());

        assertThat(run.waitFor()).as(run.describe()).isZero();

        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("job").path("namespace").asText()).isEqualTo("default");
        String name = json.path("job").path("name").asText();
        assertThat(name).startsWith("hello-");
        assertThat(json.path("job").path("uid").asText()).isNotBlank();
        JsonNode outputs = json.path("outputs");
        assertThat(outputs.path("RELEASE").asText()).isEqualTo("2026.11.22-1");
        assertThat(outputs.path("CHECKSUM").asText()).isEqualTo("c2hhMjU2OmFiYw==");
        assertThat(outputs.path("imageTag").asText()).isEqualTo("v1.4.2");
        assertThat(outputs.path("replicas").isInt()).isTrue();
        assertThat(outputs.path("replicas").asInt()).isEqualTo(3);
        assertThat(json.path("logLink").asText()).isEqualTo("https://logs.example.com/search?q=job%3A" + name);
        assertThat(json.path("failure").isNull()).isTrue();
        assertThat(run.stdout())
                .containsPattern("\\[" + name + "-[a-z0-9]+/main\\] Preparing release\\.\\.\\.\n")
                .contains("Job default/" + name + " succeeded.");
    }

    @Test
    void failingJobExitsOneWithTheContainersExitCode() throws Exception {
        Path manifest = manifest("fails-", "echo 'about to fail'; exit 7");
        Path result = work.resolve("result.json");
        Run run = start(manifest, "--result", result.toString());

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(1);

        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("FAILED");
        JsonNode failure = json.path("failure");
        assertThat(failure.path("reason").asText()).isEqualTo("BackoffLimitExceeded");
        assertThat(failure.path("containers").size()).isEqualTo(1);
        assertThat(failure.path("containers").get(0).path("container").asText()).isEqualTo("main");
        assertThat(failure.path("containers").get(0).path("exitCode").asInt()).isEqualTo(7);
        assertThat(run.stdout()).contains("about to fail").contains("exit code 7");
    }

    /** INT is Ctrl-C in a terminal; TERM is what CI systems, {@code timeout} and Jenkins send. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalCancelsTheJobDeletesItAndExitsOne(String signal) throws Exception {
        Path manifest =
                manifest("signal-" + signal.toLowerCase(java.util.Locale.ROOT) + "-", "echo started; sleep 300");
        Path result = work.resolve("result.json");
        Run run = start(manifest, "--result", result.toString());
        waitFor("the Job's first log line", run::alive, () -> run.stdout().contains("] started"));
        Matcher created = CREATED.matcher(run.stdout());
        assertThat(created.find()).as(run.describe()).isTrue();
        String namespace = created.group(1);
        String name = created.group(2);

        run.signal(signal);

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(1);
        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(json.path("job").path("name").asText()).isEqualTo(name);
        assertThat(run.stderr()).contains("SIG" + signal + ": cancelling the Job");
        KubernetesClient client = cluster.client();
        Job left =
                client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
                .as("Job %s/%s deleted before the process exited", namespace, name)
                .isTrue();
        waitFor("the garbage collector to delete the pods of " + name, () -> true, () -> client.pods()
                .inNamespace(namespace)
                .withLabel("job-name", name)
                .list()
                .getItems()
                .isEmpty());
    }

    private Path manifest(String generateName, String script) {
        return CliProcess.manifest(work, generateName, script);
    }

    @Test
    void deployExitsZeroBindsTheArtifactAndWritesTheResult() throws Exception {
        String ns = namespace("cli-deploy");
        Path result = work.resolve("deploy.json");
        Run run = start(
                "deploy",
                examples().resolve("deploy"),
                "--namespace",
                ns,
                "--artifact",
                "registry:5000/team/web=registry:5000/team/web:1.4.2",
                "--required",
                "registry:5000/team/web",
                "--result",
                result.toString());

        assertThat(run.waitFor()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("deployment/web: 2/2 ready", "Deploy succeeded: 3 objects, all stable.");
        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("objects")).hasSize(3);
        JsonNode cm = json.path("objects").get(0);
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(cm.path("name").asText()).isEqualTo("web-settings-v000");
        assertThat(cm.path("version").asText()).isEqualTo("v000");
        assertThat(cm.path("namespace").asText()).isEqualTo(ns);
        assertThat(cm.path("application").asText()).isEqualTo("deploy");
        assertThat(cm.path("cluster").asText()).isEqualTo("configMap web-settings");
        assertThat(cm.path("status").asText()).isEqualTo("STABLE");
        assertThat(json.path("failure").isNull()).isTrue();
        var web = cluster.client()
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get();
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry:5000/team/web:1.4.2");
    }

    @Test
    void deployOfBadInputExitsTwoNamingTheProblemAndAppliesNothing() throws Exception {
        String ns = namespace("cli-bad");
        Path dir = Files.createDirectory(work.resolve("manifests"));
        Files.writeString(dir.resolve("app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.writeString(dir.resolve("README.md"), "# notes");
        Run stray = start("deploy", dir, "--namespace", ns);
        assertThat(stray.waitFor()).as(stray.describe()).isEqualTo(2);
        assertThat(stray.stderr()).contains("README.md is not a manifest");

        Files.delete(dir.resolve("README.md"));
        Run required = start("deploy", dir, "--namespace", ns, "--required", "registry:5000/team/web");
        assertThat(required.waitFor()).as(required.describe()).isEqualTo(2);
        assertThat(required.stderr()).contains("Required artifacts are not bound: registry:5000/team/web");
        assertThat(cluster.client().configMaps().inNamespace(ns).list().getItems())
                .noneMatch(c -> c.getMetadata().getName().startsWith("a-"));
    }

    @Test
    void ctrlCCancelsTheDeployAndLeavesTheObjects() throws Exception {
        String ns = namespace("cli-cancel");
        Path manifest = work.resolve("never.yaml");
        Files.writeString(
                manifest,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: never}
                spec:
                  selector: {matchLabels: {app: never}}
                  template:
                    metadata: {labels: {app: never}}
                    spec: {containers: [{name: main, image: "does-not-exist:1"}]}
                """);
        Path result = work.resolve("cancel.json");
        Run run = start("deploy", manifest, "--namespace", ns, "--result", result.toString());
        waitFor("the wait to start", run::alive, () -> run.stdout().contains("Waiting for 1 object"));
        run.signal("INT");

        assertThat(run.waitFor()).as(run.describe()).isEqualTo(1);
        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(json.path("failure").path("message").asText())
                .contains("Applied (left as they are): deployment/never");
        assertThat(cluster.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("never")
                        .get())
                .isNotNull();
    }

    private static Path examples() {
        String dir = System.getProperty("kubesteps.examples.dir");
        return dir != null ? Paths.get(dir) : Paths.get("..", "examples");
    }

    private Run start(Path manifest, String... more) throws IOException {
        return start("run-job", manifest, more);
    }

    private Run start(String subcommand, Path manifest, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                subcommand,
                "--file",
                manifest.toString(),
                "--kubeconfig",
                cluster.adminKubeconfig().toString()));
        args.addAll(List.of(more));
        return CliProcess.start(work, args.toArray(String[]::new));
    }

    private static void waitFor(String what, BooleanSupplier stillWorthIt, BooleanSupplier condition) {
        CliProcess.waitFor(what, stillWorthIt, condition);
    }
}
