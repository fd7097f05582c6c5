package io.jenkins.plugins.kubesteps.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.job.JobManifest;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A few hundred bytes of YAML whose aliases double at every level must be refused cheaply, before
 * anything is built from them: in Jenkins this parse runs in the controller. Cheaply means work
 * and memory bounded by the text, not by what it expands to; how fast that is on a given machine
 * is for a benchmark, not for a test that must pass on busy cores.
 */
class AliasBombTest {
    private static final long MAX_ALLOCATED = 64L * 1024 * 1024;

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
    void aManifestAliasBombIsRefusedInLittleMemoryNamingTheFile() {
        String text = bomb("apiVersion: batch/v1\nkind: Job\n", 24);
        assertThat(text.length()).isLessThan(700);

        String message = refusedCheaply(() -> JobManifest.load(text, "k8s/bomb.yaml"));

        long budget = AliasBudget.MIN_NODES + (long) AliasBudget.NODES_PER_CHAR * text.length();
        assertThat(message)
                .startsWith("k8s/bomb.yaml: aliases expand too far: more than " + budget + " nodes once aliases are"
                        + " expanded");
    }

    @Test
    void theAliasCheckLooksAtEachWrittenNodeOnceNotAtWhatTheAliasesExpandTo() {
        String text = bomb("apiVersion: batch/v1\nkind: Job\n", 24);
        Node composed = new Yaml().compose(new StringReader(text));
        AliasBudget budget = new AliasBudget("k8s/bomb.yaml", text.length());

        assertThatThrownBy(() -> budget.charge(composed)).isInstanceOf(InvalidInputException.class);

        // 2^24 nodes once expanded; the check walks the ~100 that are written down
        assertThat(budget.walked()).isPositive().isLessThanOrEqualTo(distinctNodes(composed));
    }

    @Test
    void aKubeconfigAliasBombIsRefusedInLittleMemoryNamingTheFile() {
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

    private static long distinctNodes(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof MappingNode map) {
                map.getValue().forEach(t -> {
                    todo.push(t.getKeyNode());
                    todo.push(t.getValueNode());
                });
            } else if (node instanceof SequenceNode seq) {
                seq.getValue().forEach(todo::push);
            }
        }
        return seen.size();
    }

    /** Runs {@code load}, which must throw InvalidInputException within the memory limit. */
    private static String refusedCheaply(Runnable load) {
        // only a guard against a broken check expanding the bomb forever; no speed is asserted
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            String message = null;
            try {
                load.run();
            } catch (InvalidInputException e) {
                message = e.getMessage();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertThat(message).as("refused with an InvalidInputException").isNotNull();
            // what the thread allocated bounds what it could have held on the heap at once
            assertThat(allocated).as("bytes allocated while refusing").isLessThan(MAX_ALLOCATED);
            return message;
        });
    }
}
