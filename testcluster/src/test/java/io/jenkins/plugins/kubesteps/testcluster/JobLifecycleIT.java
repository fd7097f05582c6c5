package io.jenkins.plugins.kubesteps.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs run end to end: the real Job controller, garbage collector and
 * TTL-after-finished controller acting on pods that the simulated node runs,
 * with logs read through the API server from the node's kubelet endpoint.
 */
class JobLifecycleIT {

    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.shared();
    }

    private static String job(String name, String script, int backoffLimit, String extraSpec) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  namespace: default
                spec:
                  backoffLimit: %d
                %s  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox
                        command: ["sh", "-c", "%s"]
                """
                .formatted(name, backoffLimit, extraSpec, script);
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    @Test
    void failingJobStreamsLogsThenFailsAfterRetriesAndItsPodsAreCollected() {
        String name = unique("fail");
        ClusterScript.Result created = cluster.kubectlWithInput(
                job(name, "for i in 1 2 3; do echo line-$i; sleep 1; done; exit 3", 1, ""), "create", "-f", "-");
        assertThat(created.ok()).as(created.output()).isTrue();

        // -f keeps the stream open until the container ends, so all three
        // lines arriving proves the log endpoint streams through the API server.
        ClusterScript.Result logs = cluster.kubectl("logs", "-f", "job/" + name, "--pod-running-timeout=60s");
        assertThat(logs.stdout()).as(logs.output()).contains("line-1\nline-2\nline-3\n");

        ClusterScript.Result failed =
                cluster.kubectl("wait", "--for=condition=Failed", "job/" + name, "--timeout=120s");
        assertThat(failed.ok()).as(failed.output()).isTrue();
        assertThat(jsonpath("job/" + name, "{.status.conditions[?(@.type==\"Failed\")].reason}"))
                .isEqualTo("BackoffLimitExceeded");
        assertThat(jsonpath("job/" + name, "{.status.failed}"))
                .as("backoffLimit 1 means one retry: two pods failed")
                .isEqualTo("2");
        assertThat(jsonpath(
                                "pods -l job-name=" + name,
                                "{range .items[*]}{.status.containerStatuses[0].state.terminated.exitCode}{\" \"}{end}")
                        .strip())
                .isEqualTo("3 3");

        ClusterScript.Result deleted = cluster.kubectl("delete", "job", name, "--cascade=background", "--wait=true");
        assertThat(deleted.ok()).as(deleted.output()).isTrue();
        await(Duration.ofSeconds(60), "the garbage collector to delete the pods of job " + name, () -> jsonpath(
                        "pods -l job-name=" + name, "{.items[*].metadata.name}")
                .isBlank());
    }

    @Test
    void succeededJobIsDeletedByTheTtlController() {
        String name = unique("ttl");
        ClusterScript.Result created = cluster.kubectlWithInput(
                job(name, "echo done", 0, "  ttlSecondsAfterFinished: 10\n"), "create", "-f", "-");
        assertThat(created.ok()).as(created.output()).isTrue();
        ClusterScript.Result complete =
                cluster.kubectl("wait", "--for=condition=Complete", "job/" + name, "--timeout=120s");
        assertThat(complete.ok()).as(complete.output()).isTrue();
        await(
                Duration.ofSeconds(60),
                "the TTL-after-finished controller to delete job " + name,
                () -> cluster.kubectl("get", "job", name).stderr().contains("NotFound"));
    }

    private static String jsonpath(String what, String expression) {
        String[] words = ("get " + what).split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 2);
        args[words.length] = "-o";
        args[words.length + 1] = "jsonpath=" + expression;
        ClusterScript.Result result = cluster.kubectl(args);
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.stdout();
    }

    private static void await(Duration limit, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
