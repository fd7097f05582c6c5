package io.jenkins.plugins.kubesteps.testcluster.node;

import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.container;
import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.logText;
import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.pod;
import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerEnvTest {

    @TempDir
    Path workDir;

    private PodFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PodFixtures(workDir);
    }

    @AfterEach
    void tearDown() {
        fixtures.executor.shutdownNow();
    }

    @Test
    void containerSeesPlainFieldConfigMapAndSecretValues() throws Exception {
        fixtures.configMaps.put("ns/settings", Map.of("color", "blue", "size", "L"));
        fixtures.secrets.put("ns/creds", Map.of("token", "s3cr3t"));
        Container c = new ContainerBuilder(
                        sh("main", "echo \"$GREETING\" $POD $COLOR $TOKEN $CFG_size '$(POD)' $HOSTNAME"))
                .addNewEnv()
                .withName("GREETING")
                .withValue("hi-$(MISSING)")
                .endEnv()
                .addNewEnv()
                .withName("POD")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("COLOR")
                .withNewValueFrom()
                .withNewConfigMapKeyRef("color", "settings", false)
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef("token", "creds", false)
                .endValueFrom()
                .endEnv()
                .addNewEnvFrom()
                .withPrefix("CFG_")
                .withNewConfigMapRef("settings", false)
                .endEnvFrom()
                .build();
        Pod pod = pod("Never", c).build();
        String name = pod.getMetadata().getName();
        PodRun run = fixtures.start(pod);

        fixtures.awaitPhase("Succeeded");

        // $(VAR) is expanded by the node in command and args; unknown references stay as written
        assertThat(logText(run, "main", false))
                .isEqualTo("hi-$(MISSING) " + name + " blue s3cr3t L " + name + " " + name + "\n");
    }

    @Test
    void missingConfigMapKeyWaitsInCreateContainerConfigErrorUntilItAppears() throws Exception {
        fixtures.configMaps.put("ns/settings", Map.of("other", "x"));
        Container c = new ContainerBuilder(sh("main", "echo $COLOR"))
                .addNewEnv()
                .withName("COLOR")
                .withNewValueFrom()
                .withNewConfigMapKeyRef("color", "settings", false)
                .endValueFrom()
                .endEnv()
                .build();
        PodRun run = fixtures.start(pod("Never", c).build());

        PodStatus waiting =
                fixtures.await(s -> "CreateContainerConfigError".equals(PodRunTest.reason(container(s, "main"))));
        assertThat(container(waiting, "main").getState().getWaiting().getMessage())
                .isEqualTo("couldn't find key color in ConfigMap ns/settings");
        assertThat(waiting.getPhase()).isEqualTo("Pending");

        fixtures.configMaps.put("ns/settings", Map.of("color", "green"));
        fixtures.awaitPhase("Succeeded");
        assertThat(logText(run, "main", false)).isEqualTo("green\n");
    }

    @Test
    void expansionFollowsKubernetesRules() {
        Map<String, String> env = Map.of("A", "1");

        assertThat(ContainerEnv.expand("$(A)-$$(A)-$(B)-$A-$", env)).isEqualTo("1-$(A)-$(B)-$A-$");
    }
}
