package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI's integration tests share: the real local cluster of this JVM and a work directory. */
abstract class ClusterCliTest {
    /** The line run-job prints once the Job exists: namespace and name. */
    static final Pattern CREATED = Pattern.compile("Created Job ([a-z0-9-]+)/([a-z0-9.-]+)");

    static TestCluster cluster;

    @TempDir
    Path work;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.shared();
    }

    /** A new namespace with a unique name. */
    static String namespace(String prefix) {
        String name = prefix + "-" + Long.toString(System.nanoTime() % 2_000_000_000L, 36);
        cluster.client()
                .namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        return name;
    }

    static String admin() {
        return cluster.adminKubeconfig().toString();
    }
}
