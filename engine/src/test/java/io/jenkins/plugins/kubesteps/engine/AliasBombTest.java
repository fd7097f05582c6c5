package io.jenkins.plugins.kubesteps.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.JobManifest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few hundred bytes of YAML whose aliases double at every level must be refused quickly and
 * cheaply, before anything is built from them: in Jenkins this parse runs in the controller.
 */
class AliasBombTest {
    private static final long MAX_ALLOCATED = 64L * 1024 * 1024;
    private static final Duration MAX_TIME = Duration.ofSeconds(1);

    /** 24 anchors, each a list of the previous one twice: 48 aliases, 2^24 leaves once expanded. */
    static String bomb(String header, int levels) {
        StringBuilder yaml = new StringBuilder(header).append("x0: &x0 [a, b]\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("x")
                    .append(i)
                    .append(": &x")
                    .append(i)
                    .append(" [*x")
                    .append(i - 1)
                    .append(",*x")
                    .append(i - 1)
                    .append("]\n");
        }
        return yaml.toString();
    }

    @BeforeAll
    static void warmUp() {
        // class loading of SnakeYAML, Jackson and the fabric8 model is not what is measured
        JobManifest.load(
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: warm}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox}]
                """,
                "warm-up.yaml");
    }

    @Test
    void aManifestAliasBombIsRefusedQuicklyInLittleMemoryNamingTheFile() {
        String text = bomb("apiVersion: batch/v1\nkind: Job\n", 24);
        assertThat(text.length()).isLessThan(700);

        String message = refusedCheaply(() -> JobManifest.load(text, "k8s/bomb.yaml"));

        assertThat(message).startsWith("k8s/bomb.yaml: aliases expand too far");
    }

    @Test
    void aKubeconfigAliasBombIsRefusedQuicklyInLittleMemoryNamingTheFile() {
        String text = bomb("apiVersion: v1\nkind: Config\n", 24);
        ClusterConnection connection = new ClusterConnection(
                null,
                null,
                false,
                null,
                new ClusterCredentials.Kubeconfig(text, null, true, "/home/me/bomb.kubeconfig"));

        String message = refusedCheaply(() -> ClientFactory.config(connection));

        assertThat(message).startsWith("/home/me/bomb.kubeconfig: aliases expand too far");
    }

    @Test
    void anAnchorThatContainsItselfIsRefused() {
        assertThatThrownBy(() -> JobManifest.load("apiVersion: batch/v1\nkind: Job\nx: &a [1, *a]\n", "loop.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("loop.yaml: aliases expand too far: an anchor contains an alias of itself");
    }

    @Test
    void aliasesNestedDeeperThanTheNestingLimitAreRefused() {
        StringBuilder yaml = new StringBuilder("apiVersion: batch/v1\nkind: Job\nd0: &d0 [x]\n");
        for (int i = 1; i <= 40; i++) {
            // each level wraps the previous one three lists deep: 120 levels once expanded
            yaml.append("d")
                    .append(i)
                    .append(": &d")
                    .append(i)
                    .append(" [[[*d")
                    .append(i - 1)
                    .append("]]]\n");
        }
        assertThatThrownBy(() -> JobManifest.load(yaml.toString(), "deep.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deep.yaml: aliases expand too far: more than 100 levels of nesting");
    }

    @Test
    void ordinaryAnchorsStillWork() {
        String text =
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: anchors}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: one
                        image: busybox
                        env: &env
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      - name: two
                        image: busybox
                        env: *env
                """;
        var job = JobManifest.load(text, "anchors.yaml");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(1).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("A=1", "B=2");
    }

    /** Runs {@code load}, which must throw InvalidInputException within the time and memory limits. */
    private static String refusedCheaply(Runnable load) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            String message = null;
            try {
                load.run();
            } catch (InvalidInputException e) {
                message = e.getMessage();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertThat(message).as("refused with an InvalidInputException").isNotNull();
            assertThat(took).as("time to refuse").isLessThan(MAX_TIME);
            // what the thread allocated bounds what it could have held on the heap at once
            assertThat(allocated).as("bytes allocated while refusing").isLessThan(MAX_ALLOCATED);
            return message;
        });
    }
}
