package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How objects reach the cluster: order, namespaces, custom resources, conflicts, strategies. */
class DeployApplyIT {
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        EngineCluster.cluster();
        client = EngineCluster.adminClient();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void namespaceAndCrdComeFirstAndTheCustomResourceWaitsUntilItsKindIsServed() {
        String ns = EngineCluster.unique("order");
        String group = EngineCluster.unique("w") + ".example.com";
        // written in the worst order on purpose
        String manifests =
                """
                apiVersion: %1$s/v1
                kind: Widget
                metadata: {name: blue, namespace: %2$s}
                spec: {size: 3}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: %2$s
                  annotations: {strategy.spinnaker.io/versioned: "false"}
                data: {a: "1"}
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.%1$s}
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: %2$s}
                """
                        .formatted(group, ns);
        RecordedConsole console = new RecordedConsole();
        DeployResult result = deploy(client, console, manifests, null, b -> {});

        assertStatus(result, console, DeployStatus.SUCCEEDED);
        assertThat(result.objects())
                .extracting(DeployedObject::kind)
                .containsExactly("Namespace", "CustomResourceDefinition", "ConfigMap", "Widget");
        List<String> lines = console.lines();
        int established = lines.indexOf("customresourcedefinition/widgets." + group + ": Established");
        int widget = lines.indexOf("Applied widget/blue in " + ns);
        assertThat(established).as(console.text()).isNotNegative().isLessThan(widget);
        assertThat(DeployFixtures.live(client, group + "/v1", "Widget", ns, "blue"))
                .isNotNull();
        DeployedObject crd = DeployFixtures.object(result, "CustomResourceDefinition", "widgets." + group);
        assertThat(crd.namespace()).isEmpty();

        // the kind is now served: the namespace override finds it namespaced through discovery
        String other = DeployFixtures.namespace(client, "override");
        String overridden =
                """
                apiVersion: %1$s/v1
                kind: Widget
                metadata: {name: green, namespace: %2$s}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: %3$s}
                rules: []
                """
                        .formatted(group, ns, other + "-reader");
        DeployResult second = deploy(client, console, overridden, other, b -> {});
        assertStatus(second, console, DeployStatus.SUCCEEDED);
        assertThat(DeployFixtures.live(client, group + "/v1", "Widget", other, "green"))
                .isNotNull();
        assertThat(DeployFixtures.live(client, group + "/v1", "Widget", ns, "green"))
                .isNull();
        assertThat(DeployFixtures.object(second, "ClusterRole", other + "-reader")
                        .namespace())
                .isEmpty();
        assertThat(client.rbac().clusterRoles().withName(other + "-reader").get())
                .isNotNull();
    }

    @Test
    void aConflictNamesTheFieldAndItsManagerAndForceTakesItOver() {
        String ns = DeployFixtures.namespace(client, "conflict");
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("flags")
                        .endMetadata()
                        .withData(Map.of("color", "blue"))
                        .build())
                .fieldManager("kubectl")
                .serverSideApply();
        String manifest =
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: flags
                  annotations: {strategy.spinnaker.io/versioned: "false"}
                data: {color: red}
                """;
        RecordedConsole console = new RecordedConsole();
        DeployResult refused = deploy(client, console, manifest, ns, b -> {});
        assertStatus(refused, console, DeployStatus.FAILED);
        assertThat(refused.failure().reason()).isEqualTo("Conflict");
        assertThat(refused.failure().message())
                .contains("field .data.color is managed by \"kubectl\"")
                .contains("--force-conflicts");
        assertThat(DeployFixtures.object(refused, "ConfigMap", "flags").status())
                .isEqualTo(DeployedObject.NOT_APPLIED);
        assertThat(client.configMaps().inNamespace(ns).withName("flags").get().getData())
                .containsEntry("color", "blue");

        DeployResult forced = deploy(client, console, manifest, ns, b -> b.forceConflicts(true));
        assertStatus(forced, console, DeployStatus.SUCCEEDED);
        var live = client.configMaps().inNamespace(ns).withName("flags").get();
        assertThat(live.getData()).containsEntry("color", "red");
        assertThat(live.getMetadata().getManagedFields())
                .anyMatch(f -> "kubernetes-manifest-steps".equals(f.getManager()));
    }

    @Test
    void replacePutsTheWholeObjectRecreateMakesANewOneAndGenerateNameCreates() {
        String ns = DeployFixtures.namespace(client, "strat");
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("replaced")
                        .endMetadata()
                        .withData(Map.of("old", "1", "kept", "1"))
                        .build())
                .fieldManager("someone-else")
                .serverSideApply();
        String web = DeployFixtures.deployment("web", "web:1", 1, "");
        RecordedConsole console = new RecordedConsole();
        DeployResult first = deploy(client, console, web, ns, b -> {});
        assertStatus(first, console, DeployStatus.SUCCEEDED);
        String uidBefore = client.apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get()
                .getMetadata()
                .getUid();

        String manifests =
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: replaced
                  annotations: {strategy.spinnaker.io/versioned: "false", strategy.spinnaker.io/replace: "true"}
                data: {kept: "2"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  generateName: run-
                  annotations: {strategy.spinnaker.io/versioned: "false"}
                data: {a: "1"}
                ---
                """
                        + web.replace(
                                "name: web\n",
                                "name: web\n  annotations: {strategy.spinnaker.io/recreate: \"true\"}\n");
        DeployResult second = deploy(client, console, manifests, ns, b -> {});
        assertStatus(second, console, DeployStatus.SUCCEEDED);

        // PUT, not apply: a key another manager owned is gone
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withName("replaced")
                        .get()
                        .getData())
                .containsExactly(Map.entry("kept", "2"));
        var recreated =
                client.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(recreated.getMetadata().getUid()).isNotEqualTo(uidBefore);
        assertThat(recreated.getStatus().getAvailableReplicas()).isEqualTo(1);
        DeployedObject generated = second.objects().stream()
                .filter(o -> o.name().startsWith("run-"))
                .findFirst()
                .orElseThrow();
        assertThat(generated.name()).hasSizeGreaterThan("run-".length());
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withName(generated.name())
                        .get())
                .isNotNull();
        assertThat(console.lines())
                .contains("Replaced configmap/replaced in " + ns, "Recreated deployment/web in " + ns);
    }
}
