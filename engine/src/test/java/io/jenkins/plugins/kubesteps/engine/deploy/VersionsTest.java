package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VersionsTest {

    private static Manifest object(String apiVersion, String kind, String annotations) {
        return ArtifactBinderTest.one("apiVersion: " + apiVersion + "\nkind: " + kind
                + "\nmetadata:\n  name: x\n  annotations: {" + annotations + "}\n");
    }

    @Test
    void replicaSetsPodsConfigMapsAndSecretsAreVersionedByDefault() {
        assertThat(Versions.isVersioned(object("apps/v1", "ReplicaSet", ""))).isTrue();
        assertThat(Versions.isVersioned(object("v1", "Pod", ""))).isTrue();
        assertThat(Versions.isVersioned(object("v1", "ConfigMap", ""))).isTrue();
        assertThat(Versions.isVersioned(object("v1", "Secret", ""))).isTrue();
        assertThat(Versions.isVersioned(object("apps/v1", "Deployment", ""))).isFalse();
        assertThat(Versions.isVersioned(object("v1", "Service", ""))).isFalse();
        // a custom kind that happens to be called ConfigMap is not a ConfigMap
        assertThat(Versions.isVersioned(object("example.com/v1", "ConfigMap", "")))
                .isFalse();
    }

    @Test
    void theAnnotationOverridesTheDefaultBothWays() {
        String off = "strategy.spinnaker.io/versioned: \"false\"";
        String on = "strategy.spinnaker.io/versioned: \"true\"";
        assertThat(Versions.isVersioned(object("v1", "ConfigMap", off))).isFalse();
        assertThat(Versions.isVersioned(object("apps/v1", "Deployment", on))).isTrue();
        assertThat(Versions.isVersioned(object("example.com/v1", "Widget", on))).isTrue();
        assertThatThrownBy(
                        () -> Versions.isVersioned(object("v1", "ConfigMap", "strategy.spinnaker.io/versioned: yes")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("strategy.spinnaker.io/versioned is 'yes'")
                .hasMessageContaining("test.yaml:1");
    }

    @Test
    void namesAndSequences() {
        assertThat(Versions.name("web", 0)).isEqualTo("web-v000");
        assertThat(Versions.name("web", 12)).isEqualTo("web-v012");
        assertThat(Versions.name("web", 1234)).isEqualTo("web-v1234");
        assertThat(Versions.sequenceOf("web-v007", "web")).isEqualTo(OptionalInt.of(7));
        assertThat(Versions.sequenceOf("web-v1234", "web")).isEqualTo(OptionalInt.of(1234));
        // another cluster whose name starts the same way is not a version of this one
        assertThat(Versions.sequenceOf("web-api-v001", "web")).isEmpty();
        assertThat(Versions.sequenceOf("web-v01", "web")).isEmpty();
        assertThat(Versions.sequenceOf("web", "web")).isEmpty();
        assertThat(Versions.next(List.of())).isZero();
        assertThat(Versions.next(List.of(0, 4, 2))).isEqualTo(5);
    }

    @Test
    void theFingerprintIgnoresKeyOrderStatusAndServerMetadata() {
        Manifest a = ArtifactBinderTest.one(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: n, uid: "1", resourceVersion: "5"}
                data: {a: "1", b: "2"}
                """);
        Manifest b = ArtifactBinderTest.one(
                """
                kind: ConfigMap
                apiVersion: v1
                data: {b: "2", a: "1"}
                metadata: {namespace: n, name: c}
                status: {whatever: 1}
                """);
        Manifest changed = ArtifactBinderTest.one(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: n}
                data: {a: "1", b: "3"}
                """);
        assertThat(Versions.fingerprint(a.body())).isEqualTo(Versions.fingerprint(b.body()));
        assertThat(Versions.fingerprint(a.body())).isNotEqualTo(Versions.fingerprint(changed.body()));
    }

    @Test
    void pruningKeepsTheNewestAndNeverTheDeployedVersion() {
        assertThat(VersionPruner.toDelete(List.of(0, 1, 2, 3), 2, 3)).containsExactly(0, 1);
        assertThat(VersionPruner.toDelete(List.of(3, 0, 1), 5, 3)).isEmpty();
        // the deployed version is an old one reused: it stays, the next oldest go
        assertThat(VersionPruner.toDelete(List.of(0, 1, 2, 3), 2, 0)).containsExactly(1, 2);
        assertThat(VersionPruner.toDelete(List.of(0, 1, 2), 0, 2)).containsExactly(0, 1);
    }

    @Test
    void aVersionWithoutFingerprintIsIdenticalWhenItsDataIs() {
        Manifest cm =
                ArtifactBinderTest.one("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: \"1\"}\n");
        assertThat(Versions.sameContent("ConfigMap", cm.body(), Map.of("data", Map.of("a", "1"))))
                .isTrue();
        assertThat(Versions.sameContent("ConfigMap", cm.body(), Map.of("data", Map.of("a", "2"))))
                .isFalse();
        assertThat(Versions.sameContent("ConfigMap", cm.body(), Map.of("data", Map.of("a", "1"), "immutable", true)))
                .isFalse();
        Manifest secret = ArtifactBinderTest.one(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: hunter2}\n");
        // what the server keeps: data, base64-encoded, and the default type
        Map<String, Object> live = Map.of("type", "Opaque", "data", Map.of("password", "aHVudGVyMg=="));
        assertThat(Versions.sameContent("Secret", secret.body(), live)).isTrue();
        assertThat(Versions.sameContent("Secret", secret.body(), Map.of("data", Map.of("password", "eA=="))))
                .isFalse();
        assertThat(Versions.sameContent("ReplicaSet", Map.of(), Map.of())).isFalse();
    }
}
