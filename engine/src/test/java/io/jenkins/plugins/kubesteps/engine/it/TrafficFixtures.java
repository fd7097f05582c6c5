package io.jenkins.plugins.kubesteps.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.servergroup.RunningTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the server-group tests share: a Service selecting on a label of its own, versions of a
 * ReplicaSet behind it (the simulated node runs their pods; a container without command idles,
 * ready), and the proof a user would look at: the pods the Service's EndpointSlices list.
 */
final class TrafficFixtures {
    static final Duration LIMIT = Duration.ofMinutes(2);

    private TrafficFixtures() {}

    /** A Service that selects {@code traffic-NAME: "true"}. */
    static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  selector: {traffic-%s: "true"}
                  ports: [{port: 80}]
                """
                .formatted(name, name);
    }

    /**
     * A versioned ReplicaSet {@code name} selecting {@code app: name}; {@code trafficLabels} adds the
     * Service's label and annotation by hand (what deployManifest's trafficServices does).
     */
    static String replicaSet(String name, int replicas, String color, String service) {
        String traffic = service == null
                ? ""
                : "\n  annotations: {traffic.spinnaker.io/load-balancers: '[\"service " + service + "\"]'}";
        String label = service == null ? "" : ", traffic-" + service + ": \"true\"";
        return """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: %s%s
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s%s}
                    spec:
                      containers:
                      - name: main
                        image: nginx
                        env: [{name: COLOR, value: %s}]
                """
                .formatted(name, traffic, replicas, name, name, label, color);
    }

    /** The pods the Service's EndpointSlices list, by name. */
    static Set<String> listed(KubernetesClient client, String ns, String service) {
        return endpoints(client, ns, service, false);
    }

    /** The pods the Service's EndpointSlices list as ready: those it sends traffic to. */
    static Set<String> ready(KubernetesClient client, String ns, String service) {
        return endpoints(client, ns, service, true);
    }

    private static Set<String> endpoints(KubernetesClient client, String ns, String service, boolean onlyReady) {
        Set<String> names = new TreeSet<>();
        for (EndpointSlice s : client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns)
                .withLabel("kubernetes.io/service-name", service)
                .list()
                .getItems()) {
            if (s.getEndpoints() != null) {
                s.getEndpoints().stream()
                        .filter(e -> e.getTargetRef() != null)
                        .filter(e -> !onlyReady
                                || e.getConditions() != null
                                        && Boolean.TRUE.equals(e.getConditions().getReady()))
                        .forEach(e -> names.add(e.getTargetRef().getName()));
            }
        }
        return names;
    }

    /** The names of the live pods of ReplicaSet {@code rs}. */
    static Set<String> podsOf(KubernetesClient client, String ns, String rs) {
        Set<String> names = new TreeSet<>();
        for (Pod p : client.pods().inNamespace(ns).list().getItems()) {
            if (p.getMetadata().getDeletionTimestamp() == null
                    && p.getMetadata().getOwnerReferences().stream().anyMatch(o -> rs.equals(o.getName()))) {
                names.add(p.getMetadata().getName());
            }
        }
        return names;
    }

    /** Waits until the Service lists exactly the pods of {@code replicaSets}. */
    static void awaitServing(KubernetesClient client, String ns, String service, String... replicaSets) {
        EngineCluster.waitFor(LIMIT, service + " lists the pods of " + List.of(replicaSets), () -> {
            Set<String> expected = new TreeSet<>();
            for (String rs : replicaSets) {
                expected.addAll(podsOf(client, ns, rs));
            }
            return !expected.isEmpty() && expected.equals(listed(client, ns, service));
        });
    }

    static TrafficResult await(RunningTraffic running) {
        return EngineCluster.await(
                running.result(), LIMIT, "the server-group change", () -> running.cancel("the test gave up"));
    }

    static void assertSucceeded(TrafficResult result, RecordedConsole console) {
        assertThat(result.succeeded())
                .as("status %s; console was:\n%s\nfailure: %s", result.status(), console.text(), result.failure())
                .isTrue();
    }

    static boolean hasLabel(Pod p, String key) {
        return p.getMetadata().getLabels() != null
                && Objects.equals("true", p.getMetadata().getLabels().get(key));
    }
}
