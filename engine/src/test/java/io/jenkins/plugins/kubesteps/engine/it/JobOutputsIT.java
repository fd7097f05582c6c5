package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.await;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.job;
import static io.jenkins.plugins.kubesteps.engine.it.EngineCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.it.RecordedConsole.LogLine;
import io.jenkins.plugins.kubesteps.engine.job.ConfigMapKey;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A successful Job on the real cluster: its logs on the console and every source of outputs. */
class JobOutputsIT {
    private static TestCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        cluster = EngineCluster.cluster();
        client = EngineCluster.adminClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void logsReachTheConsoleInOrderOnceEachWithPrefixAndOutputsAreCaptured() {
        String script =
                """
                i=1
                while [ $i -le 300 ]; do echo "line-$i"; i=$((i+1)); done
                echo "SPINNAKER_PROPERTY_RELEASE=2026.11.22-1"
                echo "SPINNAKER_PROPERTY_TOKEN=c2hhMjU2OmFiYw=="
                echo "SPINNAKER_PROPERTY_EMPTY="
                echo 'SPINNAKER_CONFIG_JSON={"imageTag":"v1.4.2","replicas":3}'
                echo 'SPINNAKER_CONFIG_JSON={"replicas":5,"nested":{"a":[1,2]}}'
                echo "the end"
                """;
        RecordedConsole console = new RecordedConsole();

        JobResult result =
                await(new JobRunner(client).start(request(job(script)).build(), console));

        assertStatus(result, console, JobStatus.SUCCEEDED);
        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(1, 300).forEach(i -> expected.add("line-" + i));
        expected.addAll(List.of(
                "SPINNAKER_PROPERTY_RELEASE=2026.11.22-1",
                "SPINNAKER_PROPERTY_TOKEN=c2hhMjU2OmFiYw==",
                "SPINNAKER_PROPERTY_EMPTY=",
                "SPINNAKER_CONFIG_JSON={\"imageTag\":\"v1.4.2\",\"replicas\":3}",
                "SPINNAKER_CONFIG_JSON={\"replicas\":5,\"nested\":{\"a\":[1,2]}}",
                "the end"));
        assertThat(console.logTexts()).as(console.text()).containsExactlyElementsOf(expected);
        List<LogLine> logs = console.logLines();
        assertThat(logs).extracting(LogLine::container).containsOnly("main");
        assertThat(logs.get(0).pod()).startsWith(result.job().name() + "-");
        assertThat(logs).extracting(LogLine::pod).containsOnly(logs.get(0).pod());
        assertThat(result.outputs())
                .containsOnly(
                        entry("RELEASE", "2026.11.22-1"),
                        entry("TOKEN", "c2hhMjU2OmFiYw=="),
                        entry("EMPTY", ""),
                        entry("imageTag", "v1.4.2"),
                        entry("replicas", 5),
                        entry("nested", Map.of("a", List.of(1, 2))));
        assertThat(result.failure()).isNull();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void everyContainerInitContainersIncludedIsStreamedUnderItsOwnPrefix() {
        String manifest =
                """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: multi-
                  namespace: %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      initContainers:
                      - name: setup
                        image: busybox
                        command: ["sh", "-c", "for i in 1 2 3; do echo setup-$i; done; echo SPINNAKER_PROPERTY_schema=v7"]
                      containers:
                      - name: app
                        image: busybox
                        command: ["sh", "-c", "for i in $(seq 1 100); do echo app-$i; done"]
                      - name: sidecar
                        image: busybox
                        command: ["sh", "-c", "for i in $(seq 1 100); do echo sidecar-$i; done; echo SPINNAKER_PROPERTY_side=done"]
                """
                        .formatted(NAMESPACE);
        RecordedConsole console = new RecordedConsole();

        JobResult result = await(new JobRunner(client).start(request(manifest).build(), console));

        assertStatus(result, console, JobStatus.SUCCEEDED);
        assertThat(textsOf(console, "setup"))
                .containsExactly("setup-1", "setup-2", "setup-3", "SPINNAKER_PROPERTY_schema=v7");
        assertThat(textsOf(console, "app"))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 100).mapToObj(i -> "app-" + i).toList());
        List<String> sidecar = new ArrayList<>();
        IntStream.rangeClosed(1, 100).forEach(i -> sidecar.add("sidecar-" + i));
        sidecar.add("SPINNAKER_PROPERTY_side=done");
        assertThat(textsOf(console, "sidecar")).containsExactlyElementsOf(sidecar);
        assertThat(console.logLines()).hasSize(4 + 100 + 101);
        assertThat(result.outputs()).containsOnly(entry("schema", "v7"), entry("side", "done"));
    }

    /** The node splits lines over 16 KiB into partial CRI records; a reader must get them whole. */
    @Test
    void aLineLongerThanTheRuntimesRecordLimitArrivesWholeAndYieldsItsOutput() {
        String blob = "a".repeat(40_000);
        String script =
                """
                printf 'SPINNAKER_CONFIG_JSON={"blob":"%s"}\\n' "$(head -c 40000 /dev/zero | tr '\\0' a)"
                echo after
                """;
        RecordedConsole console = new RecordedConsole();

        JobResult result =
                await(new JobRunner(client).start(request(job(script)).build(), console));

        assertStatus(result, console, JobStatus.SUCCEEDED);
        List<String> logs = console.logTexts();
        assertThat(logs).hasSize(2).last().isEqualTo("after");
        assertSameLongText(logs.get(0), "SPINNAKER_CONFIG_JSON={\"blob\":\"" + blob + "\"}");
        assertThat(result.outputs()).containsOnlyKeys("blob");
        assertSameLongText(String.valueOf(result.outputs().get("blob")), blob);
    }

    /** Shows where two long texts part, instead of printing 40 000 characters. */
    private static void assertSameLongText(String actual, String expected) {
        int at = 0;
        while (at < Math.min(actual.length(), expected.length()) && actual.charAt(at) == expected.charAt(at)) {
            at++;
        }
        assertThat(at == actual.length() && at == expected.length())
                .as(
                        "texts of %d and %d characters differ at %d: '%s' instead of '%s'",
                        actual.length(),
                        expected.length(),
                        at,
                        actual.substring(at, Math.min(actual.length(), at + 60)),
                        expected.substring(at, Math.min(expected.length(), at + 60)))
                .isTrue();
    }

    private static List<String> textsOf(RecordedConsole console, String container) {
        return console.logLines().stream()
                .filter(l -> l.container().equals(container))
                .map(LogLine::text)
                .toList();
    }

    @Test
    void outputsComeFromTheTerminationMessagesOfTheSuccessfulPod() {
        String manifest =
                """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: termination-
                  namespace: %s
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox
                        command: ["sh", "-c", "echo '{\\"artifact\\":\\"s3://bucket/app.tgz\\",\\"size\\":42}' > /dev/termination-log"]
                      - name: side
                        image: busybox
                        command: ["sh", "-c", "printf 'DIGEST=sha256:abc=\\nSTAGE=side\\n' > \\"$TERMINATION_LOG\\""]
                """
                        .formatted(NAMESPACE);
        RecordedConsole console = new RecordedConsole();

        JobResult result = await(new JobRunner(client).start(request(manifest).build(), console));

        assertStatus(result, console, JobStatus.SUCCEEDED);
        assertThat(result.outputs())
                .containsOnly(
                        entry("artifact", "s3://bucket/app.tgz"),
                        entry("size", 42),
                        entry("DIGEST", "sha256:abc="),
                        entry("STAGE", "side"));
    }

    @Test
    void outputConfigMapWrittenByTheJobIsReadAfterItAndWinsOverLogLines() {
        String configMap = EngineCluster.unique("results");
        // the Job reports through the API, as a real one would with its service account
        String script =
                """
                echo "SPINNAKER_PROPERTY_digest=from-log"
                echo "SPINNAKER_PROPERTY_onlyInLog=yes"
                '%s' --kubeconfig '%s' -n %s create configmap %s \\
                  --from-literal=outputs.json='{"digest":"sha256:0123","replicas":2}'
                """
                        .formatted(cluster.kubectlBinary(), cluster.adminKubeconfig(), NAMESPACE, configMap);
        RecordedConsole console = new RecordedConsole();

        try {
            JobResult result = await(new JobRunner(client)
                    .start(
                            request(job(script))
                                    .outputConfigMap(new ConfigMapKey(configMap, "outputs.json"))
                                    .build(),
                            console));

            assertStatus(result, console, JobStatus.SUCCEEDED);
            assertThat(result.outputs())
                    .containsOnly(entry("digest", "sha256:0123"), entry("onlyInLog", "yes"), entry("replicas", 2));
        } finally {
            client.configMaps().inNamespace(NAMESPACE).withName(configMap).delete();
        }
    }

    @Test
    void aMissingOutputConfigMapIsAWarningNotAFailure() {
        RecordedConsole console = new RecordedConsole();
        JobResult result = await(new JobRunner(client)
                .start(
                        request(job("echo SPINNAKER_PROPERTY_kept=1"))
                                .outputConfigMap(new ConfigMapKey("never-created", "outputs.json"))
                                .build(),
                        console));

        assertStatus(result, console, JobStatus.SUCCEEDED);
        assertThat(result.outputs()).containsOnly(entry("kept", "1"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("never-created"));
    }
}
