package io.jenkins.plugins.kubesteps.engine.it;

import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.assertStatus;
import static io.jenkins.plugins.kubesteps.engine.it.DeployFixtures.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployHandle;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.deploy.RunningDeploy;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Waiting: failures explained, timeouts, cancel while applying and while waiting, resume. */
class DeployWaitIT {
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
    void aDeploymentWhosePodsAreRefusedFailsWithTheDeadlineConditionAndTheWarningEvents() {
        String ns = DeployFixtures.namespace(client, "refused");
        // Pod Security admission refuses the pods, so the ReplicaSet controller records FailedCreate warnings
        client.namespaces().withName(ns).edit(n -> {
            n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
            return n;
        });
        EngineCluster.waitFor(Duration.ofSeconds(30), "the API server to enforce the namespace's policy", () -> {
            try {
                client.pods()
                        .inNamespace(ns)
                        .resource(new PodBuilder()
                                .withNewMetadata()
                                .withName("probe")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("c")
                                .withImage("c")
                                .endContainer()
                                .endSpec()
                                .build())
                        .dryRun()
                        .create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 403;
            }
        });
        String manifest = DeployFixtures.deployment("stuck", "web:1", 2, "")
                .replace("  replicas: 2\n", "  replicas: 2\n  progressDeadlineSeconds: 5\n");
        RecordedConsole console = new RecordedConsole();
        DeployResult result = deploy(client, console, manifest, ns, b -> {});

        assertStatus(result, console, DeployStatus.FAILED);
        assertThat(result.failure().reason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(result.failure().message())
                .contains("deployment/stuck in " + ns)
                .contains("has timed out progressing")
                .contains("Warning FailedCreate on replicaset/stuck-")
                .contains("violates PodSecurity");
        assertThat(result.failure().objects()).extracting(DeployedObject::name).containsExactly("stuck");
        assertThat(DeployFixtures.object(result, "Deployment", "stuck").status())
                .isEqualTo(DeployedObject.FAILED);
    }

    @Test
    void statefulSetDaemonSetJobAndPodAreWaitedForUntilTheirControllersSayDone() {
        String ns = DeployFixtures.namespace(client, "kinds");
        String manifests =
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  replicas: 2
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: "db:1"}]}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent, image: "agent:1"}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: m, image: "migrate:1", command: ["sh", "-c", "sleep 1"]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: debug}
                spec: {containers: [{name: d, image: "debug:1"}]}
                """;
        RecordedConsole console = new RecordedConsole();
        DeployResult result = deploy(client, console, manifests, ns, b -> {});

        assertStatus(result, console, DeployStatus.SUCCEEDED);
        assertThat(result.objects()).allMatch(o -> o.status().equals(DeployedObject.STABLE));
        assertThat(DeployFixtures.object(result, "Pod", "debug-v000").version()).isEqualTo("v000");
        var db = client.apps().statefulSets().inNamespace(ns).withName("db").get();
        assertThat(db.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(db.getStatus().getCurrentRevision()).isEqualTo(db.getStatus().getUpdateRevision());
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(ns)
                        .withName("migrate")
                        .get()
                        .getStatus()
                        .getSucceeded())
                .isEqualTo(1);
        assertThat(console.lines()).contains("job/migrate: complete", "statefulset/db: 2/2 ready");
    }

    @Test
    void aTimeoutNamesTheUnmetConditionAndWhatThePodsAreStuckOn() {
        String ns = DeployFixtures.namespace(client, "pull");
        String manifest = DeployFixtures.deployment("pull", "registry.example/does-not-exist:1", 1, "");
        RecordedConsole console = new RecordedConsole();
        DeployResult result = deploy(client, console, manifest, ns, b -> b.timeout(Duration.ofSeconds(20)));

        assertStatus(result, console, DeployStatus.TIMED_OUT);
        assertThat(result.failure().message())
                .contains("deployment/pull in " + ns + ": 0/1 ready")
                .containsPattern("pod pull-[a-z0-9-]+: container main: (ImagePullBackOff|ErrImagePull)");
        assertThat(DeployFixtures.object(result, "Deployment", "pull").status()).isEqualTo(DeployedObject.UNSTABLE);
        // one line per change of state, not one per watch event
        assertThat(console.lines().stream()
                        .filter(l -> l.startsWith("deployment/pull: "))
                        .count())
                .as(console.text())
                .isLessThanOrEqualTo(3);
    }

    @Test
    void cancelWhileWaitingLeavesTheObjectsAsTheyAre() {
        String ns = DeployFixtures.namespace(client, "cancel");
        String manifest = DeployFixtures.deployment("never", "does-not-exist:1", 1, "");
        RecordedConsole console = new RecordedConsole();
        RunningDeploy running =
                new Deployer(client).start(DeployFixtures.request(manifest, ns).build(), console);
        EngineCluster.waitFor(Duration.ofMinutes(2), "the wait to start", () -> console.lines().stream()
                .anyMatch(l -> l.startsWith("Waiting for 1 object")));
        running.cancel("aborted by the test");
        DeployResult result = DeployFixtures.await(running);

        assertStatus(result, console, DeployStatus.CANCELLED);
        assertThat(result.failure().message())
                .contains("aborted by the test")
                .contains("Applied (left as they are): deployment/never in " + ns);
        assertThat(client.apps().deployments().inNamespace(ns).withName("never").get())
                .isNotNull();
    }

    @Test
    void cancelWhileApplyingStopsBetweenObjectsAndSaysWhatWasApplied() {
        String ns = DeployFixtures.namespace(client, "cancelapply");
        StringBuilder manifests = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            manifests
                    .append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c")
                    .append(i)
                    .append(", annotations: {strategy.spinnaker.io/versioned: \"false\"}}\ndata: {i: \"")
                    .append(i)
                    .append("\"}\n");
        }
        RecordedConsole console = new RecordedConsole();
        RunningDeploy running = new Deployer(client)
                .start(DeployFixtures.request(manifests.toString(), ns).build(), console);
        EngineCluster.waitFor(Duration.ofMinutes(1), "the first object to be applied", () -> console.lines().stream()
                .anyMatch(l -> l.startsWith("Applied configmap/")));
        running.cancel("stop");
        DeployResult result = DeployFixtures.await(running);

        assertStatus(result, console, DeployStatus.CANCELLED);
        long applied = result.objects().stream()
                .filter(o -> o.status().equals(DeployedObject.APPLIED))
                .count();
        assertThat(applied).isPositive().isLessThan(400);
        assertThat(result.objects())
                .allMatch(o ->
                        o.status().equals(DeployedObject.APPLIED) || o.status().equals(DeployedObject.NOT_APPLIED));
        // what the result says was applied is exactly what exists: nothing half-written, nothing unreported
        assertThat(client.configMaps().inNamespace(ns).list().getItems().stream()
                        .filter(c -> c.getMetadata().getName().matches("c\\d+"))
                        .count())
                .isEqualTo(applied);
    }

    @Test
    void aResumedDeployWaitsAgainFromItsSerializedHandle() throws Exception {
        String ns = DeployFixtures.namespace(client, "resume");
        // the pods wait (CreateContainerConfigError) until the ConfigMap they read exists
        String manifest = DeployFixtures.deployment(
                "later",
                "web:1",
                1,
                """
                envFrom: [{configMapRef: {name: created-later}}]
                """,
                "");
        RecordedConsole console = new RecordedConsole();
        RunningDeploy running =
                new Deployer(client).start(DeployFixtures.request(manifest, ns).build(), console);
        EngineCluster.waitFor(Duration.ofMinutes(2), "the wait to start", () -> console.lines().stream()
                .anyMatch(l -> l.startsWith("Waiting for 1 object")));
        running.detach();
        DeployHandle saved = roundTrip(running.handle());
        assertThat(saved.applying()).isFalse();
        assertThat(running.result()).isNotDone();

        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("created-later")
                        .endMetadata()
                        .build())
                .create();
        RecordedConsole after = new RecordedConsole();
        try (KubernetesClient fresh = EngineCluster.adminClient()) {
            DeployResult result = DeployFixtures.await(new Deployer(fresh).resume(saved, after));
            assertStatus(result, after, DeployStatus.SUCCEEDED);
            assertThat(DeployFixtures.object(result, "Deployment", "later").status())
                    .isEqualTo(DeployedObject.STABLE);
        }
        assertThat(after.lines()).contains("Waiting for the deployed objects again.");
    }

    private static DeployHandle roundTrip(DeployHandle handle) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (DeployHandle) in.readObject();
        }
    }
}
