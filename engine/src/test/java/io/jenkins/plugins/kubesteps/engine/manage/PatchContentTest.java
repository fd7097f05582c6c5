package io.jenkins.plugins.kubesteps.engine.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest.PatchType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Patch text is checked for its type before anything is sent, with file, line and field in every error. */
class PatchContentTest {

    @Test
    void yamlBecomesTheJsonThatIsSent() {
        PatchContent p = PatchContent.parse("spec:\n  replicas: 2\n", "p.yaml", PatchType.STRATEGIC);
        assertThat(p.json()).isEqualTo("{\"spec\":{\"replicas\":2}}");
        PatchContent ops = PatchContent.parse("- {op: remove, path: /spec/paused}", "p.yaml", PatchType.JSON);
        assertThat(ops.json()).isEqualTo("[{\"op\":\"remove\",\"path\":\"/spec/paused\"}]");
    }

    @Test
    void mergePatchesGetTheirImagesBoundWhereTheTargetsKindHasItsPodSpec() {
        String text =
                """
                spec:
                  template:
                    spec:
                      initContainers: [{name: init, image: "registry:5000/tools"}]
                      containers: [{name: main, image: "registry:5000/web:old"}, {name: side, image: other}]
                """;
        PatchContent p = PatchContent.parse(text, "p.yaml", PatchType.MERGE);
        var bound = p.bindImages(
                "Deployment",
                Map.of(
                        "registry:5000/web",
                        "registry:5000/web:2",
                        "registry:5000/tools",
                        "registry:5000/tools@sha256:ab"));
        assertThat(bound).containsExactlyInAnyOrder("registry:5000/web", "registry:5000/tools");
        assertThat(p.json())
                .contains("\"image\":\"registry:5000/web:2\"")
                .contains("\"image\":\"registry:5000/tools@sha256:ab\"")
                .contains("\"image\":\"other\"")
                .doesNotContain("\"kind\"");
    }

    @Test
    void jsonPatchOperationsAreCheckedOneByOne() {
        assertThatThrownBy(() -> PatchContent.parse(
                        "- {op: replace, path: /a, value: 1}\n- {op: rename, path: /b}\n", "ops.yaml", PatchType.JSON))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("ops.yaml:2:8: operation 2: op is 'rename'; write one of add, remove");
        assertThatThrownBy(() ->
                        PatchContent.parse("- {op: add, path: spec/replicas, value: 1}", "ops.yaml", PatchType.JSON))
                .hasMessageContaining("ops.yaml:1:19: operation 1: path is 'spec/replicas'; write a JSON pointer");
        assertThatThrownBy(() -> PatchContent.parse("- {op: move, path: /a}", "ops.yaml", PatchType.JSON))
                .hasMessageContaining("operation 1: from is missing");
        assertThatThrownBy(() -> PatchContent.parse("- replace", "ops.yaml", PatchType.JSON))
                .hasMessageContaining("ops.yaml:1:3: operation 1 is not a mapping");
        assertThatThrownBy(() -> PatchContent.parse("[]", "ops.yaml", PatchType.JSON))
                .hasMessageContaining("the JSON patch has no operation");
        assertThatThrownBy(() -> PatchContent.parse("spec: {replicas: 2}", "ops.yaml", PatchType.JSON))
                .hasMessageContaining("a JSON patch is a list of operations ({op, path, value}), not a mapping"
                        + " (a mapping of fields is a merge patch: use type merge or strategic)");
    }

    @Test
    void emptyMultiDocumentAndMalformedTextIsRefused() {
        assertThatThrownBy(() -> PatchContent.parse("# nothing\n", "p.yaml", PatchType.MERGE))
                .hasMessageContaining("p.yaml: the patch is empty; write the fields to change");
        assertThatThrownBy(() -> PatchContent.parse("a: 1\n---\nb: 2\n", "p.yaml", PatchType.MERGE))
                .hasMessageContaining("p.yaml: holds 2 YAML documents; a patch is one");
        assertThatThrownBy(() -> PatchContent.parse("a: 1\na: 2\n", "p.yaml", PatchType.MERGE))
                .hasMessageContaining("p.yaml:2:1")
                .hasMessageContaining("duplicate key a");
    }
}
