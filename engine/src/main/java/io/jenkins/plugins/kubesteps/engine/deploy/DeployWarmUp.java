package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.kube.ArtifactBinder;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import io.jenkins.plugins.kubesteps.engine.kube.Stability;
import java.util.List;
import java.util.Map;

/**
 * Runs the cluster-free part of a deploy once, so a launcher can record the classes it loads in a
 * class-data sharing archive (the CLI's start-up is mostly class loading).
 */
public final class DeployWarmUp {
    private static final String MANIFESTS =
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: default}
            data: {a: "1"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "team/web", envFrom: [{configMapRef: {name: settings}}]}]
            """;

    private DeployWarmUp() {}

    public static void run() {
        List<Manifest> manifests = Manifests.load(List.of(new ManifestText("warm-up", MANIFESTS)));
        for (Manifest m : manifests) {
            Versions.isVersioned(m);
            Versions.fingerprint(m.body());
            ArtifactBinder.bindImages(m, Map.of("team/web", "team/web:1"));
            ArtifactBinder.rewriteReferences(m, Map.of("settings", "settings-v000"), Map.of());
            Monikers.add(m, "warm-up", Monikers.cluster(m, m.name()), m.name(), null, "default");
            GenericKubernetesResource item =
                    SafeYaml.serialization().convertValue(m.body(), GenericKubernetesResource.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> back = SafeYaml.serialization().convertValue(item, Map.class);
            Stability.of(m.kind(), back);
        }
    }
}
