package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The server-group steps in a real Jenkins against the local cluster: a red/black deploy, a
 * rollback with enableServerGroup + disableServerGroup on dynamic targets (EndpointSlices prove
 * who serves), scale, patch, delete, undo rollout; a Deployment given to disable is refused.
 */
@WithJenkins
class ServerGroupStepsTest {

    /** A Service whose selector label only traffic management puts on pods. */
    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector: {traffic-%1$s: "true"}
                  ports:
                  - port: 80
                ---
                """
                .formatted(name);
    }

    private static String replicaSet(String name, String image) {
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: %1$s
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                      - name: main
                        image: %2$s
                """
                .formatted(name, image);
    }

    /**
     * The blue/green Jenkinsfile of docs/server-groups.md as written: a good build, then one whose
     * smoke test fails.
     */
    @Test
    void theBlueGreenExampleOfTheServerGroupsPageRollsBackWhenTheSmokeTestFails(JenkinsRule r) throws Exception {
        String example = KubeTestSupport.example("docs/server-groups.md", "```groovy\n// Blue/green\n");
        String ns = DeployManifestTest.namespace("readme-bg");
        KubeTestSupport.addCredentials(
                r.jenkins,
                KubeTestSupport.kubeconfigCredentials(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL, "prod-kubeconfig"));
        KubeTestSupport.addAccount("prod", "prod-kubeconfig").setNamespace(ns);
        WorkflowJob p = PipelineTest.pipeline(r, "frontend", example);
        FilePath ws = r.jenkins.getWorkspaceFor(p);
        ws.child("k8s/frontend.yaml")
                .write(
                        service("frontend") + replicaSet("frontend", "registry.example.com:5000/team/frontend"),
                        "UTF-8");
        ws.child("k8s/smoke-test.yaml").write(KubeTestSupport.job("smoke", "echo smoke test passed"), "UTF-8");
        KubernetesClient client = KubeTestSupport.cluster().client();

        r.buildAndAssertSuccess(p);
        assertThat(servingReplicaSets(client, ns, "frontend")).containsExactly("frontend-v000");

        ws.child("k8s/smoke-test.yaml").write(KubeTestSupport.job("smoke", "echo smoke test failed; exit 1"), "UTF-8");
        WorkflowRun failed = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("second_newest of replicaSet frontend", failed);
        assertThat(servingReplicaSets(client, ns, "frontend"))
                .as("rolled back: v000 serves again, v001 is out of the Service but still runs")
                .containsExactly("frontend-v000");
        ReplicaSet v001 = client.apps()
                .replicaSets()
                .inNamespace(ns)
                .withName("frontend-v001")
                .get();
        assertThat(v001.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com:5000/team/frontend:2");
        assertThat(v001.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void redBlackThenRollbackScalePatchAndDeleteThroughPipelineSteps(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = DeployManifestTest.namespace("bluegreen");
        String c = "credentialsId: '%s', namespace: '%s'".formatted(KubeTestSupport.CREDENTIALS_ID, ns);
        WorkflowJob p = PipelineTest.pipeline(
                r,
                "bluegreen",
                """
                deployManifest %1$s, manifest: '''%2$s%3$s''', trafficServices: 'web', strategy: 'redblack'
                deployManifest %1$s, manifest: '''%4$s''', trafficServices: 'web', strategy: 'redblack'
                """
                        .formatted(c, service("web"), replicaSet("web", "busybox:1"), replicaSet("web", "busybox:2")));

        r.buildAndAssertSuccess(p);
        KubernetesClient client = KubeTestSupport.cluster().client();
        assertThat(servingReplicaSets(client, ns, "web"))
                .as("red/black: v001 serves, v000 is disabled")
                .containsExactly("web-v001");
        assertThat(client.apps()
                        .replicaSets()
                        .inNamespace(ns)
                        .withName("web-v000")
                        .get())
                .as("the disabled group still runs")
                .isNotNull();

        p.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition(
                """
                def enabled = enableServerGroup %1$s, cluster: 'replicaSet web', criteria: 'second_newest'
                def disabled = disableServerGroup %1$s, cluster: 'replicaSet web', criteria: 'newest'
                echo "rolled back: enabled ${enabled.targets[0].name}, disabled ${disabled.targets[0].name}"
                def again = disableServerGroup %1$s, target: 'replicaSet web-v001'
                echo "disabled again: ${again.alreadyInPlace}"
                scaleManifest %1$s, target: 'replicaSet web-v000', replicas: 3
                patchManifest %1$s, target: 'replicaSet web-v000', mergeStrategy: 'merge',
                    patchBody: '{"metadata": {"labels": {"patched": "yes"}}}'
                def deleted = deleteManifest %1$s, cluster: 'replicaSet web', criteria: 'newest', cascade: 'foreground'
                echo "deleted ${deleted[0].name}"
                """
                        .formatted(c),
                true));
        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("second_newest of replicaSet web", b);
        r.assertLogContains("rolled back: enabled web-v000, disabled web-v001", b);
        r.assertLogContains("disabled again: true", b);
        r.assertLogContains("deleted web-v001", b);
        ReplicaSet v000 =
                client.apps().replicaSets().inNamespace(ns).withName("web-v000").get();
        assertThat(v000.getSpec().getReplicas()).isEqualTo(3);
        assertThat(v000.getMetadata().getLabels()).containsEntry("patched", "yes");
        assertThat(client.apps()
                        .replicaSets()
                        .inNamespace(ns)
                        .withName("web-v001")
                        .get())
                .isNull();
        assertThat(servingReplicaSets(client, ns, "web")).containsExactly("web-v000");
    }

    @Test
    void undoRolloutGoesBackARevisionAndADeploymentCannotBeDisabled(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = DeployManifestTest.namespace("undo");
        String c = "credentialsId: '%s', namespace: '%s'".formatted(KubeTestSupport.CREDENTIALS_ID, ns);
        String deployment =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: api}
                  template:
                    metadata:
                      labels: {app: api}
                    spec:
                      containers:
                      - name: main
                        image: registry.example.com/api
                """;
        WorkflowJob p = PipelineTest.pipeline(
                r,
                "undo",
                """
                deployManifest %1$s, manifest: '''%2$s''', artifacts: 'registry.example.com/api:1'
                deployManifest %1$s, manifest: '''%2$s''', artifacts: 'registry.example.com/api:2'
                undoRolloutManifest %1$s, target: 'deployment api', numRevisionsBack: 1
                disableServerGroup %1$s, target: 'deployment api'
                """
                        .formatted(c, deployment));

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        assertThat(KubeTestSupport.cluster()
                        .client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("api")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry.example.com/api:1");
        r.assertLogContains(
                "is a Deployment: taking the Services' labels off its pod template would start a rollout", b);
        r.assertLogNotContains("\tat ", b);
    }

    @Test
    void theFreestyleScaleStepFailsNamingAMissingTarget(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = DeployManifestTest.namespace("missing");
        ScaleManifestStep step = new ScaleManifestStep();
        step.setCredentialsId(KubeTestSupport.CREDENTIALS_ID);
        step.setNamespace(ns);
        step.setTarget("deployment nothing-here");
        step.setReplicas(2);
        FreeStyleProject p = r.createFreeStyleProject("scale");
        p.getBuildersList().add(new ScaleManifestBuilder(step));

        FreeStyleBuild b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("nothing-here", b);
    }

    /** The ReplicaSets whose pods the Service's EndpointSlices list, once that settles. */
    private static List<String> servingReplicaSets(KubernetesClient client, String ns, String service)
            throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        List<String> serving;
        do {
            Set<String> pods = client
                    .discovery()
                    .v1()
                    .endpointSlices()
                    .inNamespace(ns)
                    .withLabel("kubernetes.io/service-name", service)
                    .list()
                    .getItems()
                    .stream()
                    .flatMap(s -> s.getEndpoints() == null
                            ? java.util.stream.Stream.<Endpoint>empty()
                            : s.getEndpoints().stream())
                    .map(e -> e.getTargetRef() == null ? null : e.getTargetRef().getName())
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            serving = client.pods().inNamespace(ns).list().getItems().stream()
                    .filter(pod -> pods.contains(pod.getMetadata().getName()))
                    .map(ServerGroupStepsTest::owner)
                    .distinct()
                    .sorted()
                    .toList();
            if (!serving.isEmpty()) {
                return serving;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(until));
        return serving;
    }

    private static String owner(Pod pod) {
        return pod.getMetadata().getOwnerReferences().isEmpty()
                ? pod.getMetadata().getName()
                : pod.getMetadata().getOwnerReferences().get(0).getName();
    }
}
