package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {
    @TempDir
    Path dir;

    private static List<Manifest> load(String text) {
        return Manifests.load(List.of(new ManifestText("app.yaml", text)));
    }

    @Test
    void readsMultiDocumentYamlJsonAndLists() {
        List<Manifest> objects = load(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "b"}}
                ---
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Secret, metadata: {name: c}}
                - {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}
                ---
                """);
        assertThat(objects)
                .extracting(Manifest::describe)
                .containsExactly("ConfigMap a", "Service b", "Secret c", "Deployment d");
        assertThat(objects.get(3).where()).isEqualTo("app.yaml:11:3");
    }

    @Test
    void missingApiVersionNamesTheFileAndLine() {
        assertThatThrownBy(() -> load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Deployment\n"
                        + "metadata: {name: web}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("app.yaml:5:1: Deployment without apiVersion");
    }

    @Test
    void missingKindAndNameAndNonObjects() {
        assertThatThrownBy(() -> load("apiVersion: v1\nmetadata: {name: a}\n"))
                .hasMessageContaining("app.yaml:1:1: kind is missing");
        assertThatThrownBy(() -> load("apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {}}\n"))
                .hasMessageContaining("ConfigMap without metadata.name");
        assertThatThrownBy(() -> load("- just\n- a list\n"))
                .hasMessageContaining("document 1 is a list, not a Kubernetes object");
        assertThatThrownBy(() -> load("# only a comment\n")).hasMessageContaining("contains no Kubernetes object");
    }

    @Test
    void invalidYamlNamesLineAndColumn() {
        assertThatThrownBy(() -> load("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("app.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder bomb =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append("]\n");
        }
        assertThatThrownBy(() -> load(bomb.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void aFiftyMegabyteFileIsRefusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (var out = Files.newBufferedWriter(big)) {
            out.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  x: \"");
            String chunk = "x".repeat(1024 * 1024);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"\n");
        }
        assertThatThrownBy(() -> ManifestFiles.read(big))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("big.yaml")
                .hasMessageContaining("50 MiB");
        // text handed over directly (a Jenkins step's manifest parameter) hits the loader's own limit
        String text = Files.readString(big);
        assertThatThrownBy(() -> load(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void aDirectoryIsReadInNameOrderAndAStrayFileIsAnError() throws IOException {
        Files.writeString(dir.resolve("b.yml"), "{apiVersion: v1, kind: Service, metadata: {name: b}}\n");
        Files.writeString(
                dir.resolve("a.json"),
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}");
        Files.writeString(dir.resolve(".hidden"), "ignored");
        Files.createDirectory(dir.resolve("sub"));
        List<ManifestText> texts = ManifestFiles.read(dir);
        assertThat(texts)
                .extracting(t -> Path.of(t.source()).getFileName().toString())
                .containsExactly("a.json", "b.yml");
        assertThat(Manifests.load(texts)).extracting(Manifest::describe).containsExactly("ConfigMap a", "Service b");

        Files.writeString(dir.resolve("notes.txt"), "deploy on Fridays");
        assertThatThrownBy(() -> ManifestFiles.read(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("notes.txt is not a manifest");
    }

    @Test
    void aYamlFileThatIsNotAManifestNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("values.yaml"), "replicas: 3\nimage: web\n");
        List<ManifestText> texts = ManifestFiles.read(dir);
        assertThatThrownBy(() -> Manifests.load(texts))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("values.yaml:1:1: kind is missing");
    }
}
