package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import java.util.Locale;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code deployManifest} and its freestyle build step in a real Jenkins against the local
 * cluster: the README's build-then-deploy Pipeline, versions, artifact binding, a required image
 * that is not bound, an invalid manifest, Abort during the wait.
 */
@WithJenkins
class DeployManifestTest {
    static final String IMAGE = "registry.example.com:5000/team/web";

    /** A namespace of its own per test: the shared cluster keeps what earlier tests deployed. */
    static String namespace(String prefix) {
        String name =
                prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        KubeTestSupport.cluster()
                .client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        return name;
    }

    /** A ConfigMap and a ReplicaSet that mounts it; both are versioned by default. */
    static String webManifests(String image) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web-config
                data:
                  greeting: hello
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: main
                        image: %s
                        volumeMounts:
                        - {name: config, mountPath: /config}
                      volumes:
                      - name: config
                        configMap: {name: web-config}
                """
                .formatted(image);
    }

    @Test
    void theReadmeBuildThenDeployExampleBindsTheBuiltImageAndVersionsTheReplicaSet(JenkinsRule r) throws Exception {
        String example = KubeTestSupport.example("README.md", "```groovy\n// Build, then deploy\n");
        String ns = namespace("readme");
        KubeTestSupport.addCredentials(
                r.jenkins,
                KubeTestSupport.kubeconfigCredentials(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL, "prod-kubeconfig"));
        KubernetesAccount prod = KubeTestSupport.addAccount("prod", "prod-kubeconfig");
        prod.setNamespace(ns);
        WorkflowJob p = PipelineTest.pipeline(r, "web", example);
        FilePath ws = r.jenkins.getWorkspaceFor(p);
        ws.child("k8s/build-image.yaml")
                .write(
                        KubeTestSupport.job("build", "echo building; echo SPINNAKER_PROPERTY_DIGEST=sha256:abc123"),
                        "UTF-8");
        ws.child("k8s/web/app.yaml").write(webManifests(IMAGE + ":latest"), "UTF-8");

        WorkflowRun first = r.buildAndAssertSuccess(p);
        WorkflowRun second = r.buildAndAssertSuccess(p);

        r.assertLogContains("ReplicaSet " + ns + "/web-v000: STABLE", first);
        r.assertLogContains("ConfigMap " + ns + "/web-config-v000: STABLE", first);
        KubernetesClient client = KubeTestSupport.cluster().client();
        ReplicaSet rs =
                client.apps().replicaSets().inNamespace(ns).withName("web-v000").get();
        assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the image the Job built, bound by digest")
                .isEqualTo(IMAGE + "@sha256:abc123");
        assertThat(rs.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes()
                        .get(0)
                        .getConfigMap()
                        .getName())
                .as("the pod template mounts the ConfigMap version deployed with it")
                .isEqualTo("web-config-v000");
        assertThat(rs.getMetadata().getAnnotations())
                .containsEntry("moniker.spinnaker.io/application", "web")
                .containsEntry("moniker.spinnaker.io/cluster", "replicaSet web");
        // Nothing changed between the builds: the identical live versions are deployed again.
        r.assertLogContains("ReplicaSet " + ns + "/web-v000: STABLE", second);
        assertThat(client.apps()
                        .replicaSets()
                        .inNamespace(ns)
                        .withName("web-v001")
                        .get())
                .isNull();
    }

    @Test
    void aChangedManifestIsDeployedAsTheNextVersionAndTheStepReturnsTheObjects(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = namespace("versions");
        WorkflowJob p = PipelineTest.pipeline(
                r,
                "versions",
                """
                def first = deployManifest credentialsId: '%1$s', namespace: '%2$s', manifest: '''%3$s'''
                def second = deployManifest credentialsId: '%1$s', namespace: '%2$s', manifest: '''%3$s''',
                    artifacts: '%4$s:2.0'
                for (o in first + second) { echo "returned ${o.kind} ${o.name} ${o.version} ${o.status}" }
                """
                        .formatted(KubeTestSupport.CREDENTIALS_ID, ns, webManifests(IMAGE + ":1.0"), IMAGE));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("returned ReplicaSet web-v000 v000 STABLE", b);
        r.assertLogContains("returned ReplicaSet web-v001 v001 STABLE", b);
        r.assertLogContains("returned ConfigMap web-config-v000 v000 STABLE", b);
        ReplicaSet v001 = KubeTestSupport.cluster()
                .client()
                .apps()
                .replicaSets()
                .inNamespace(ns)
                .withName("web-v001")
                .get();
        assertThat(v001.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(IMAGE + ":2.0");
    }

    @Test
    void aRequiredImageThatIsNotBoundFailsTheFreestyleBuildBeforeAnythingIsApplied(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = namespace("required");
        DeployManifestStep step = new DeployManifestStep();
        step.setCredentialsId(KubeTestSupport.CREDENTIALS_ID);
        step.setNamespace(ns);
        step.setManifest(webManifests(IMAGE + ":1.0"));
        step.setRequiredArtifacts("registry.example.com:5000/team/api");
        FreeStyleProject p = r.createFreeStyleProject("required");
        p.getBuildersList().add(new DeployManifestBuilder(step));

        FreeStyleBuild b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("registry.example.com:5000/team/api", b);
        KubernetesClient client = KubeTestSupport.cluster().client();
        assertThat(client.configMaps().inNamespace(ns).list().getItems())
                .as("nothing applied")
                .noneMatch(c -> c.getMetadata().getName().startsWith("web-config"));
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems())
                .isEmpty();
    }

    @Test
    void theFreestyleBuildStepDeploysFromAWorkspaceDirectoryAndRefusesAStrayFile(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = namespace("freestyle");
        DeployManifestStep step = new DeployManifestStep();
        step.setCredentialsId(KubeTestSupport.CREDENTIALS_ID);
        step.setNamespace(ns);
        step.setFile("k8s");
        step.setArtifacts(IMAGE + ":3.1");
        FreeStyleProject p = r.createFreeStyleProject("freestyle-deploy");
        p.getBuildersList().add(new DeployManifestBuilder(step));
        FilePath ws = r.jenkins.getWorkspaceFor(p);
        ws.child("k8s/10-web.yaml").write(webManifests(IMAGE), "UTF-8");
        ws.child("k8s/notes.txt").write("not a manifest", "UTF-8");

        FreeStyleBuild refused = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogContains("k8s: not manifests (.yaml, .yml or .json): notes.txt", refused);

        ws.child("k8s/notes.txt").delete();
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        r.assertLogContains("Deploy succeeded: 2 objects, all stable.", b);
        assertThat(KubeTestSupport.cluster()
                        .client()
                        .apps()
                        .replicaSets()
                        .inNamespace(ns)
                        .withName("web-v000")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(IMAGE + ":3.1");
    }

    @Test
    void anInvalidManifestFailsTheStepNamingTheField(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        WorkflowJob p = PipelineTest.pipeline(
                r,
                "invalid",
                """
                deployManifest credentialsId: '%s', namespace: 'default', manifest: '''kind: ConfigMap
                metadata:
                  name: no-api-version
                '''
                """
                        .formatted(KubeTestSupport.CREDENTIALS_ID));

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("apiVersion", b);
        r.assertLogNotContains("\tat ", b);
    }

    @Test
    void abortWhileWaitingEndsTheStepAndLeavesTheAppliedObjects(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String ns = namespace("abort");
        WorkflowJob p = PipelineTest.pipeline(
                r,
                "abort",
                "deployManifest credentialsId: '%s', namespace: '%s', manifest: '''%s'''"
                        .formatted(KubeTestSupport.CREDENTIALS_ID, ns, webManifests("does-not-exist:1")));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Waiting for", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        r.assertLogContains("Applied (left as they are)", b);
        assertThat(KubeTestSupport.cluster()
                        .client()
                        .apps()
                        .replicaSets()
                        .inNamespace(ns)
                        .withName("web-v000")
                        .get())
                .as("the applied ReplicaSet stays")
                .isNotNull();
    }
}
