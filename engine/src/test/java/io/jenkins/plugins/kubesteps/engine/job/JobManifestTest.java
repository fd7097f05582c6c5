package io.jenkins.plugins.kubesteps.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class JobManifestTest {
    private static final String SRC = "k8s/job.yaml";

    static String job(String podSpecExtra) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: hello
                  labels:
                    team: a
                spec:
                  backoffLimit: 2
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: main
                          image: busybox
                          command: [sh, -c, "echo hi"]
                """
                + podSpecExtra;
    }

    private static String load(String text) {
        try {
            JobManifest.load(text, SRC);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an InvalidInputException for:\n" + text);
    }

    @Test
    void loadsAJobFromYaml() {
        Job job = JobManifest.load(job(""), SRC);
        assertThat(job.getMetadata().getName()).isEqualTo("hello");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("sh", "-c", "echo hi");
    }

    @Test
    void loadsAJobFromJson() {
        String json = "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"generateName\":\"run-\"},"
                + "\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"OnFailure\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}";
        Job job = JobManifest.load(json, "job.json");
        assertThat(job.getMetadata().getGenerateName()).isEqualTo("run-");
    }

    @Test
    void keepsUnknownFieldsAndSkipsEmptyDocuments() {
        Job job = JobManifest.load("---\n" + job("      futureField: 1\n") + "---\n# trailing comment\n", SRC);
        assertThat(job.getSpec().getTemplate().getSpec().getAdditionalProperties())
                .containsEntry("futureField", 1);
    }

    @Test
    void yamlOneOneWordsAndDatesStayStrings() {
        Job job = JobManifest.load(
                job(
                        "          env:\n            - {name: A, value: yes}\n            - {name: B, value: 2024-01-02}\n"),
                SRC);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getValue())
                .containsExactly("yes", "2024-01-02");
    }

    @Test
    void rejectsASecondDocumentNamingItsKind() {
        String msg = load(job("") + "---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
        assertThat(msg)
                .startsWith("k8s/job.yaml: document 2 (line 17) is a Service;")
                .contains("exactly one batch/v1 Job");
    }

    @Test
    void rejectsTwoJobs() {
        assertThat(load(job("") + "---\n" + job(""))).contains("contains 2 Jobs (documents 1, 2)");
    }

    @Test
    void rejectsNothingAListAScalarAndOtherApiVersions() {
        assertThat(load("# only a comment\n"))
                .isEqualTo(SRC + ": contains no YAML document; runK8sJob needs" + " exactly one batch/v1 Job");
        assertThat(load("- a\n- b\n")).contains("document 1 (line 1) is a list");
        assertThat(load("hello\n")).contains("is a scalar value");
        assertThat(load(job("").replace("batch/v1", "batch/v1beta1")))
                .contains("apiVersion batch/v1beta1")
                .contains("write apiVersion: batch/v1");
        assertThat(load("apiVersion: v1\nkind: Pod\n")).contains("is a Pod;");
        assertThat(load("metadata: {name: x}\n")).contains("has no kind");
    }

    @Test
    void syntaxErrorsGiveSourceLineAndColumn() {
        String msg = load("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: [unclosed\n");
        assertThat(msg).matches("k8s/job\\.yaml:\\d+:\\d+: not valid YAML: .*");
        String tab = load("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n   bad: indent\n");
        assertThat(tab).startsWith("k8s/job.yaml:5:");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(load("apiVersion: batch/v1\nkind: Job\nkind: Job\n"))
                .startsWith("k8s/job.yaml:3:1:")
                .contains("duplicate key kind");
    }

    @Test
    void customTagsAndAliasBombsAreRefused() {
        assertThat(load("apiVersion: !!javax.script.ScriptEngineManager [x]\nkind: Job\n"))
                .startsWith("k8s/job.yaml:1:13: not valid YAML")
                .contains("tags (!name, !!type) are not supported");
        assertThat(load("kind: !custom Job\n")).contains("tags (!name, !!type) are not supported");
        assertThat(load("x: " + "y".repeat(3 * 1024 * 1024 + 10)))
                .isEqualTo(SRC + ": cannot be read as YAML: it" + " is larger than 3 MiB");
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": *a\n");
        }
        assertThat(load(bomb.toString())).contains("aliases");
    }

    @Test
    void missingNameContainersOrRestartPolicyNameTheField() {
        assertThat(load(job("").replace("  name: hello\n", "")))
                .startsWith("k8s/job.yaml:4:3: metadata.name is missing")
                .contains("metadata.generateName");
        String noContainers =
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                """;
        assertThat(load(noContainers))
                .startsWith("k8s/job.yaml:7:7: spec.template.spec.containers is missing")
                .contains("at least one container");
        assertThat(load(job("").replace("restartPolicy: Never", "restartPolicy: Always")))
                .contains("spec.template.spec.restartPolicy is 'Always'")
                .contains("restartPolicy: Never (or OnFailure)");
        assertThat(load(job("").replace("      restartPolicy: Never\n", "")))
                .contains("spec.template.spec.restartPolicy is missing");
    }

    @Test
    void aTypeMismatchNamesTheFieldAndLine() {
        String text = job("").replaceAll("(?s)      containers:.*", "      containers: foo\n");
        assertThat(load(text))
                .startsWith("k8s/job.yaml:12:19: spec.template.spec.containers has the wrong type")
                .contains("expected a list")
                .contains("found 'foo'");
        assertThat(load(job("").replace("backoffLimit: 2", "backoffLimit: lots")))
                .contains("spec.backoffLimit has the wrong type");
    }

    @Test
    void prepareAddsNamespaceLabelsAnnotationsAndTtlWithoutReplacingTheUsers() {
        Job loaded = JobManifest.load(job(""), SRC);
        JobRequest request = JobRequest.builder()
                .label("team", "b")
                .label("jenkins.io/job", "folder/my job #12")
                .annotation("jenkins.io/build-url", "https://ci.example.com/job/x/12/")
                .build();
        Job prepared = JobManifest.prepare(loaded, request, "ci");

        assertThat(prepared.getMetadata().getNamespace()).isEqualTo("ci");
        assertThat(prepared.getMetadata().getLabels())
                .containsEntry("team", "a")
                .containsEntry("jenkins.io/job", "folder-my-job-12");
        assertThat(prepared.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("team", "b")
                .containsEntry("jenkins.io/job", "folder-my-job-12");
        assertThat(prepared.getMetadata().getAnnotations())
                .containsEntry("jenkins.io/build-url", "https://ci.example.com/job/x/12/");
        assertThat(prepared.getSpec().getTtlSecondsAfterFinished()).isEqualTo(JobRequest.DEFAULT_TTL_SECONDS);
        assertThat(loaded.getMetadata().getNamespace())
                .as("the input is not changed")
                .isNull();
        assertThat(loaded.getMetadata().getLabels()).doesNotContainKey("jenkins.io/job");
    }

    @Test
    void namespacePrecedenceIsRequestThenManifestThenDefault() {
        Job withNs = JobManifest.load(job("").replace("  name: hello\n", "  name: hello\n  namespace: team\n"), SRC);
        Job without = JobManifest.load(job(""), SRC);
        JobRequest plain = JobRequest.builder().build();
        assertThat(JobManifest.prepare(
                                withNs, plain.toBuilder().namespace("over").build(), "conn")
                        .getMetadata()
                        .getNamespace())
                .isEqualTo("over");
        assertThat(JobManifest.prepare(withNs, plain, "conn").getMetadata().getNamespace())
                .isEqualTo("team");
        assertThat(JobManifest.prepare(without, plain, "conn").getMetadata().getNamespace())
                .isEqualTo("conn");
        assertThat(JobManifest.prepare(without, plain, null).getMetadata().getNamespace())
                .isEqualTo("default");
        assertThatThrownBy(() -> JobManifest.prepare(
                        without, plain.toBuilder().namespace("Not_OK").build(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("namespace 'Not_OK'");
    }

    @Test
    void ttlIsKeptWhenPresentAndNotAddedUnderOtherPolicies() {
        Job withTtl = JobManifest.load(job("").replace("  backoffLimit: 2\n", "  ttlSecondsAfterFinished: 5\n"), SRC);
        JobRequest ttl = JobRequest.builder().ttlSecondsAfterFinished(99).build();
        assertThat(JobManifest.prepare(withTtl, ttl, null).getSpec().getTtlSecondsAfterFinished())
                .isEqualTo(5);
        Job plain = JobManifest.load(job(""), SRC);
        assertThat(JobManifest.prepare(plain, ttl, null).getSpec().getTtlSecondsAfterFinished())
                .isEqualTo(99);
        JobRequest never = ttl.toBuilder().cleanup(CleanupPolicy.NEVER).build();
        assertThat(JobManifest.prepare(plain, never, null).getSpec().getTtlSecondsAfterFinished())
                .isNull();
    }

    @Test
    void anInvalidLabelKeyIsAnErrorNamingIt() {
        Job plain = JobManifest.load(job(""), SRC);
        JobRequest bad = JobRequest.builder().label("bad key!", "v").build();
        assertThatThrownBy(() -> JobManifest.prepare(plain, bad, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("label key 'bad key!' is not valid");
    }

    @Test
    void aJobCopiedFromTheClusterCanBeRunAgain() {
        String copied =
                """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: hello
                  uid: 0f4c-11
                  resourceVersion: "4711"
                  creationTimestamp: "2026-01-01T00:00:00Z"
                spec:
                  selector:
                    matchLabels: {batch.kubernetes.io/controller-uid: 0f4c-11}
                  template:
                    metadata:
                      labels: {batch.kubernetes.io/controller-uid: 0f4c-11, controller-uid: 0f4c-11, app: x}
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox}]
                status: {succeeded: 1}
                """;
        Job prepared = JobManifest.prepare(
                JobManifest.load(copied, SRC), JobRequest.builder().build(), null);
        assertThat(prepared.getMetadata().getUid()).isNull();
        assertThat(prepared.getMetadata().getResourceVersion()).isNull();
        assertThat(prepared.getMetadata().getCreationTimestamp()).isNull();
        assertThat(prepared.getStatus()).isNull();
        assertThat(prepared.getSpec().getSelector()).isNull();
        assertThat(prepared.getSpec().getTemplate().getMetadata().getLabels()).containsOnlyKeys("app");
    }
}
