package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.kube.ArtifactBinder;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArtifactBinderTest {

    static Manifest one(String yaml) {
        return Manifests.load(new ManifestText("test.yaml", yaml)).get(0);
    }

    @SuppressWarnings("unchecked")
    static Object at(Manifest m, Object... path) {
        Object current = m.body();
        for (Object step : path) {
            current = step instanceof Integer i
                    ? ((List<Object>) current).get(i)
                    : ((Map<String, Object>) current).get(step);
        }
        return current;
    }

    @Test
    void imageNameDropsTagAndDigestButKeepsRegistryPort() {
        assertThat(ArtifactBinder.imageName("nginx:1.25")).isEqualTo("nginx");
        assertThat(ArtifactBinder.imageName("registry:5000/team/app")).isEqualTo("registry:5000/team/app");
        assertThat(ArtifactBinder.imageName("registry:5000/team/app:1.0")).isEqualTo("registry:5000/team/app");
        assertThat(ArtifactBinder.imageName("registry:5000/team/app@sha256:abc"))
                .isEqualTo("registry:5000/team/app");
        assertThat(ArtifactBinder.imageName("registry:5000/team/app:1.0@sha256:abc"))
                .isEqualTo("registry:5000/team/app");
        assertThat(ArtifactBinder.imageVersion("registry:5000/team/app:1.4.2")).isEqualTo("1.4.2");
        assertThat(ArtifactBinder.imageVersion("registry:5000/team/app@sha256:abc"))
                .isEqualTo("sha256:abc");
        assertThat(ArtifactBinder.imageVersion("registry:5000/team/app")).isEmpty();
    }

    @Test
    void bindsContainersInitAndEphemeralContainersOfADeployment() {
        Manifest m = one(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers: [{name: init, image: "registry:5000/team/migrate:old"}]
                      containers:
                      - {name: web, image: "registry:5000/team/app:latest"}
                      - {name: side, image: "registry:5000/team/app-sidecar:1"}
                      ephemeralContainers: [{name: debug, image: "registry:5000/team/app"}]
                """);
        Set<String> bound = ArtifactBinder.bindImages(
                m,
                Map.of(
                        "registry:5000/team/app", "registry:5000/team/app@sha256:0123",
                        "registry:5000/team/migrate", "registry:5000/team/migrate:1.4.2"));
        assertThat(bound).containsExactlyInAnyOrder("registry:5000/team/app", "registry:5000/team/migrate");
        Object spec = at(m, "spec", "template", "spec");
        assertThat(at(m, "spec", "template", "spec", "containers", 0, "image"))
                .isEqualTo("registry:5000/team/app@sha256:0123");
        // a different image whose name merely starts with the artifact's is left alone
        assertThat(at(m, "spec", "template", "spec", "containers", 1, "image"))
                .isEqualTo("registry:5000/team/app-sidecar:1");
        assertThat(at(m, "spec", "template", "spec", "initContainers", 0, "image"))
                .isEqualTo("registry:5000/team/migrate:1.4.2");
        assertThat(at(m, "spec", "template", "spec", "ephemeralContainers", 0, "image"))
                .isEqualTo("registry:5000/team/app@sha256:0123");
        assertThat(spec).isNotNull();
    }

    @Test
    void bindsCronJobJobTemplateAndPods() {
        Manifest cron = one(
                """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: c, image: "team/report:1"}]
                """);
        assertThat(ArtifactBinder.bindImages(cron, Map.of("team/report", "team/report:2")))
                .hasSize(1);
        assertThat(at(cron, "spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "image"))
                .isEqualTo("team/report:2");
        Manifest pod = one(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {containers: [{name: c, image: "team/report"}]}
                """);
        ArtifactBinder.bindImages(pod, Map.of("team/report", "team/report:2"));
        assertThat(at(pod, "spec", "containers", 0, "image")).isEqualTo("team/report:2");
    }

    @Test
    void kindsWithoutPodSpecsAreUntouched() {
        Manifest cm = one(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data: {image: "team/report:1"}
                """);
        assertThat(ArtifactBinder.bindImages(cm, Map.of("team/report", "team/report:2")))
                .isEmpty();
        assertThat(at(cm, "data", "image")).isEqualTo("team/report:1");
    }

    @Test
    void rewritesEveryKindOfConfigMapAndSecretReference() {
        Manifest m = one(
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      volumes:
                      - {name: a, configMap: {name: settings}}
                      - {name: b, secret: {secretName: creds}}
                      - name: c
                        projected:
                          sources:
                          - configMap: {name: settings}
                          - secret: {name: creds}
                      - {name: d, configMap: {name: other}}
                      containers:
                      - name: db
                        image: db
                        envFrom: [{configMapRef: {name: settings}}, {secretRef: {name: creds}}]
                        env:
                        - {name: A, valueFrom: {configMapKeyRef: {name: settings, key: a}}}
                        - {name: B, valueFrom: {secretKeyRef: {name: creds, key: b}}}
                """);
        ArtifactBinder.rewriteReferences(m, Map.of("settings", "settings-v003"), Map.of("creds", "creds-v001"));
        Object[] spec = {"spec", "template", "spec"};
        assertThat(at(m, concat(spec, "volumes", 0, "configMap", "name"))).isEqualTo("settings-v003");
        assertThat(at(m, concat(spec, "volumes", 1, "secret", "secretName"))).isEqualTo("creds-v001");
        assertThat(at(m, concat(spec, "volumes", 2, "projected", "sources", 0, "configMap", "name")))
                .isEqualTo("settings-v003");
        assertThat(at(m, concat(spec, "volumes", 2, "projected", "sources", 1, "secret", "name")))
                .isEqualTo("creds-v001");
        assertThat(at(m, concat(spec, "volumes", 3, "configMap", "name"))).isEqualTo("other");
        assertThat(at(m, concat(spec, "containers", 0, "envFrom", 0, "configMapRef", "name")))
                .isEqualTo("settings-v003");
        assertThat(at(m, concat(spec, "containers", 0, "envFrom", 1, "secretRef", "name")))
                .isEqualTo("creds-v001");
        assertThat(at(m, concat(spec, "containers", 0, "env", 0, "valueFrom", "configMapKeyRef", "name")))
                .isEqualTo("settings-v003");
        assertThat(at(m, concat(spec, "containers", 0, "env", 1, "valueFrom", "secretKeyRef", "name")))
                .isEqualTo("creds-v001");
    }

    @Test
    void unboundRequiredArtifactsAreNamedInOrder() {
        assertThat(ArtifactBinder.unbound(List.of("a", "b", "c"), Set.of("b"))).containsExactly("a", "c");
    }

    private static Object[] concat(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
