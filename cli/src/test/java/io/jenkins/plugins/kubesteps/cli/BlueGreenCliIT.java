package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/server-groups.md's CLI flow, {@code examples/blue-green/blue-green.sh}, against the local
 * cluster: a first version whose smoke test passes, then a second one whose smoke test fails and is
 * rolled back; the Service's EndpointSlices show which version serves.
 */
class BlueGreenCliIT extends ClusterCliTest {

    @Test
    void aFailedSmokeTestRollsBackToThePreviousVersion() throws Exception {
        String ns = namespace("blue-green");
        KubernetesClient client = cluster.client();
        Path passes = smokeTest("echo 'smoke test passed'");
        Path fails = smokeTest("echo 'smoke test: /health answered 500'; exit 1");

        Result first = script(ns, "registry:5000/shop:1.0", passes);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(endpoints(client, ns)).isEqualTo(pods(client, ns, "shop-v000"));

        Result second = script(ns, "registry:5000/shop:2.0", fails);

        assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
        assertThat(second.output())
                .contains("Red/black: replicaSet shop-v001 in namespace " + ns + " is serving; disabling 1 older"
                        + " server group: shop-v000.")
                .contains("Smoke test failed: rolling back to the previous version")
                .contains("second_newest of replicaSet shop → shop-v000")
                .contains("newest of replicaSet shop → shop-v001")
                .contains("Service shop no longer lists any pod of replicaSet shop-v001 in namespace " + ns);
        assertThat(endpoints(client, ns)).isEqualTo(pods(client, ns, "shop-v000"));
        assertThat(pods(client, ns, "shop-v001")).as("disabled, still running").hasSize(2);
        assertThat(client.apps()
                        .replicaSets()
                        .inNamespace(ns)
                        .withName("shop-v001")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry:5000/shop:2.0");
    }

    private record Result(int exitCode, String output) {}

    private Result script(String ns, String image, Path smokeTest) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Paths.get(System.getProperty("kubesteps.cli.jar", "target/kubesteps.jar"))
                .toAbsolutePath()
                .toString();
        Path log = Files.createTempFile(work, "blue-green", ".txt");
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", examples().resolve("blue-green/blue-green.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        // the launcher's JVM options (./kubesteps): six CLI processes, each mostly start-up
        pb.environment().put("KUBESTEPS", java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar " + jar);
        pb.environment().put("KUBECONFIG", admin());
        pb.environment().put("NAMESPACE", ns);
        pb.environment().put("IMAGE", image);
        pb.environment().put("SMOKE_TEST", smokeTest.toString());
        Process p = pb.start();
        if (!p.waitFor(CliProcess.RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("blue-green.sh did not end:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private Path smokeTest(String script) throws IOException {
        Path file = Files.createTempFile(work, "smoke", ".yaml");
        Files.writeString(
                file,
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: shop-smoke-test-}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: smoke-test
                        image: busybox:1.36
                        command: ["sh", "-c", "%s"]
                """
                        .formatted(script.replace("\"", "\\\"")));
        return file;
    }

    /** The pods the Service sends traffic to (ready endpoints). */
    private static Set<String> endpoints(KubernetesClient client, String ns) {
        Set<String> names = new TreeSet<>();
        for (EndpointSlice s : client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns)
                .withLabel("kubernetes.io/service-name", "shop")
                .list()
                .getItems()) {
            if (s.getEndpoints() != null) {
                s.getEndpoints().stream()
                        .filter(e -> e.getTargetRef() != null
                                && Boolean.TRUE.equals(e.getConditions().getReady()))
                        .forEach(e -> names.add(e.getTargetRef().getName()));
            }
        }
        return names;
    }

    private static Set<String> pods(KubernetesClient client, String ns, String replicaSet) {
        Set<String> names = new TreeSet<>();
        client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                        && p.getMetadata().getOwnerReferences().stream().anyMatch(o -> replicaSet.equals(o.getName())))
                .forEach(p -> names.add(p.getMetadata().getName()));
        return names;
    }

    private static Path examples() {
        String dir = System.getProperty("kubesteps.examples.dir");
        return dir != null ? Paths.get(dir) : Paths.get("..", "examples");
    }
}
