package io.jenkins.plugins.kubesteps.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import io.jenkins.plugins.kubesteps.engine.kube.Stability;
import io.jenkins.plugins.kubesteps.engine.kube.Stability.Readiness;
import io.jenkins.plugins.kubesteps.engine.kube.Stability.State;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StabilityTest {

    private static Readiness of(String yaml) {
        Manifest m = ArtifactBinderTest.one(yaml);
        return Stability.of(m.kind(), m.body());
    }

    @Test
    void deploymentWaitsForTheControllerAndItsReplicas() {
        String base = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, generation: 2}\n"
                + "spec: {replicas: 3}\n";
        assertThat(of(base + "status: {observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3,"
                                + " availableReplicas: 3}")
                        .progress())
                .contains("generation 2");
        Readiness partly = of(base + "status: {observedGeneration: 2, replicas: 4, updatedReplicas: 3,"
                + " readyReplicas: 2, availableReplicas: 2}");
        assertThat(partly.state()).isEqualTo(State.PROGRESSING);
        assertThat(partly.progress()).isEqualTo("2/3 ready, 1 old pending termination");
        assertThat(of(base + "status: {observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3,"
                                + " availableReplicas: 3}")
                        .state())
                .isEqualTo(State.STABLE);
    }

    @Test
    void progressDeadlineExceededFailsWithItsMessageAndPausedIsStableWithAWarning() {
        Readiness failed = of("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, generation: 1}\n"
                + "status:\n  observedGeneration: 1\n  conditions:\n  - {type: Progressing, status: \"False\","
                + " reason: ProgressDeadlineExceeded, message: 'ReplicaSet \"web-1\" has timed out progressing.'}\n");
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.reason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(failed.progress()).isEqualTo("ReplicaSet \"web-1\" has timed out progressing.");
        Readiness paused = of("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, generation: 1}\n"
                + "spec: {paused: true, replicas: 2}\nstatus: {observedGeneration: 1}\n");
        assertThat(paused.state()).isEqualTo(State.STABLE);
        assertThat(paused.warning()).contains("paused");
    }

    @Test
    void statefulSetRevisionsPartitionsAndOnDelete() {
        String base = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, generation: 1}\n";
        assertThat(of(base + "spec: {replicas: 2}\nstatus: {observedGeneration: 1, readyReplicas: 2,"
                                + " updatedReplicas: 1, currentRevision: a, updateRevision: b}")
                        .state())
                .isEqualTo(State.PROGRESSING);
        assertThat(of(base + "spec: {replicas: 2}\nstatus: {observedGeneration: 1, readyReplicas: 2,"
                                + " updatedReplicas: 2, currentRevision: b, updateRevision: b}")
                        .state())
                .isEqualTo(State.STABLE);
        assertThat(of(base
                                + "spec: {replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}}\n"
                                + "status: {observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1,"
                                + " currentRevision: a, updateRevision: b}")
                        .state())
                .isEqualTo(State.STABLE);
        assertThat(of(base + "spec: {replicas: 2, updateStrategy: {type: OnDelete}}\n"
                                + "status: {observedGeneration: 1, readyReplicas: 2, currentRevision: a, updateRevision: b}")
                        .state())
                .isEqualTo(State.STABLE);
    }

    @Test
    void daemonSetJobPodAndClaim() {
        assertThat(of("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, generation: 1}\nstatus:"
                                + " {observedGeneration: 1, desiredNumberScheduled: 1, updatedNumberScheduled: 1,"
                                + " numberAvailable: 0, numberReady: 0}")
                        .state())
                .isEqualTo(State.PROGRESSING);
        Readiness jobFailed = of("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nstatus: {conditions:"
                + " [{type: Failed, status: \"True\", reason: BackoffLimitExceeded, message: too many}]}");
        assertThat(jobFailed.state()).isEqualTo(State.FAILED);
        assertThat(jobFailed.progress()).contains("BackoffLimitExceeded");
        assertThat(of("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nstatus: {conditions:"
                                + " [{type: Complete, status: \"True\"}]}")
                        .state())
                .isEqualTo(State.STABLE);
        Readiness pulling = of("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {phase: Pending,"
                + " containerStatuses: [{name: web, state: {waiting: {reason: ImagePullBackOff}}}]}");
        assertThat(pulling.progress()).isEqualTo("Pending, not ready, web: ImagePullBackOff");
        assertThat(of("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nstatus: {phase: Bound}")
                        .state())
                .isEqualTo(State.STABLE);
    }

    @Test
    void loadBalancersAreWaitedForOnlyWhenAsked() {
        KindInfo service = new KindInfo("v1", "Service", "services", true);
        assertThat(Stability.needsWatch(service, false)).isFalse();
        assertThat(Stability.needsWatch(service, true)).isTrue();
        assertThat(Stability.needsWatch(new KindInfo("example.com/v1", "Deployment", "deployments", true), false))
                .isFalse();
        assertThat(of("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer}")
                        .state())
                .isEqualTo(State.PROGRESSING);
        assertThat(of("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: LoadBalancer}\n"
                                + "status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}")
                        .state())
                .isEqualTo(State.STABLE);
        assertThat(Stability.of("Widget", Map.of()).state()).isEqualTo(State.STABLE);
    }

    @Test
    void applyOrderPutsDependenciesFirstAndKeepsTheRest() {
        KindInfo ns = new KindInfo("v1", "Namespace", "namespaces", false);
        KindInfo crd = new KindInfo("apiextensions.k8s.io/v1", "CustomResourceDefinition", "x", false);
        KindInfo cm = new KindInfo("v1", "ConfigMap", "configmaps", true);
        KindInfo deploy = new KindInfo("apps/v1", "Deployment", "deployments", true);
        KindInfo widget = new KindInfo("example.com/v1", "Widget", "widgets", true);
        KindInfo fakeDeployment = new KindInfo("example.com/v1", "Deployment", "deployments", true);
        assertThat(ApplyOrder.rank(ns)).isLessThan(ApplyOrder.rank(crd));
        assertThat(ApplyOrder.rank(crd)).isLessThan(ApplyOrder.rank(cm));
        assertThat(ApplyOrder.rank(cm)).isLessThan(ApplyOrder.rank(deploy));
        assertThat(ApplyOrder.rank(deploy)).isLessThan(ApplyOrder.rank(widget));
        assertThat(ApplyOrder.rank(fakeDeployment)).isEqualTo(ApplyOrder.rank(widget));
    }
}
