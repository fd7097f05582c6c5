package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.jenkins.plugins.kubesteps.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code delete}, {@code scale} and {@code patch} as a user runs them: exit codes, output, the result file. */
class OperationsCliIT extends ClusterCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scaleExitsZeroOnceStableAndWritesTheTargetsToTheResult() throws Exception {
        String ns = namespace("cli-scale");
        cluster.client()
                .apps()
                .deployments()
                .inNamespace(ns)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .addToMatchLabels("app", "web")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "web")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("main")
                        .withImage("web:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        Path result = work.resolve("scale.json");
        Run run = run(
                "scale",
                "--namespace",
                ns,
                "--target",
                "deployment web",
                "--replicas",
                "2",
                "--result",
                result.toString());

        assertThat(run.waitFor()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("deployment/web: 2/2 ready", "Scale succeeded: deployment/web in " + ns);
        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("targets")).hasSize(1);
        assertThat(json.path("targets").get(0).toString())
                .isEqualTo("{\"kind\":\"Deployment\",\"namespace\":\"" + ns + "\",\"name\":\"web\"}");
        assertThat(json.path("failure").isNull()).isTrue();
        assertThat(json.path("warnings")).isEmpty();
    }

    @Test
    void deleteBySelectorRemovesTheMatchingObjects() throws Exception {
        String ns = namespace("cli-delete");
        for (String name : List.of("a", "b", "keep")) {
            cluster.client()
                    .configMaps()
                    .inNamespace(ns)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .withLabels(Map.of("app", name.equals("keep") ? "x" : "old"))
                            .endMetadata()
                            .build())
                    .create();
        }
        Path result = work.resolve("delete.json");
        Run run = run(
                "delete",
                "--namespace",
                ns,
                "--kind",
                "configmap",
                "--selector",
                "app=old",
                "--result",
                result.toString());

        assertThat(run.waitFor()).as(run.describe()).isZero();
        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("targets").findValuesAsText("name")).containsExactly("a", "b");
        assertThat(cluster.client().configMaps().inNamespace(ns).list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .contains("keep")
                .doesNotContain("a", "b");
    }

    @Test
    void badInputExitsTwoNamingTheProblemAndChangesNothing() throws Exception {
        String ns = namespace("cli-badop");
        Run missing = run("delete", "--namespace", ns, "--target", "deployment nosuch");
        assertThat(missing.waitFor()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.stderr()).contains("Deployment nosuch not found in namespace " + ns);

        cluster.client()
                .configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .endMetadata()
                        .withData(Map.of("a", "1"))
                        .build())
                .create();
        Path patch = work.resolve("ops.yaml");
        Files.writeString(patch, "- op: replace\n  path: /data/a\n- op: add\n  value: 2\n");
        Run invalid = run(
                "patch",
                "--namespace",
                ns,
                "--target",
                "configMap settings",
                "--type",
                "json",
                "--patch-file",
                patch.toString());
        assertThat(invalid.waitFor()).as(invalid.describe()).isEqualTo(2);
        assertThat(invalid.stderr()).contains(patch + ":1:3: operation 1 (replace /data/a) has no value");
        assertThat(cluster.client()
                        .configMaps()
                        .inNamespace(ns)
                        .withName("settings")
                        .get()
                        .getData())
                .isEqualTo(Map.of("a", "1"));
    }

    private Run run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", admin()));
        return CliProcess.start(work, all.toArray(String[]::new));
    }
}
