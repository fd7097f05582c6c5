package io.jenkins.plugins.kubesteps.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterEnvTest {

    @Test
    void readsTheValuesTheScriptWritesAndUnquotesPaths() {
        Map<String, String> env = ClusterEnv.parse(
                """
                # Written by testcluster/cluster up
                APISERVER_URL='https://127.0.0.1:34567'
                APISERVER_PORT=34567
                KUBECTL='/cache/bin/kubectl'
                PID_kube_apiserver=4242
                """);
        assertThat(env)
                .containsEntry("APISERVER_URL", "https://127.0.0.1:34567")
                .containsEntry("APISERVER_PORT", "34567")
                .containsEntry("KUBECTL", "/cache/bin/kubectl")
                .containsEntry("PID_kube_apiserver", "4242")
                .hasSize(4);
    }

    @Test
    void aValueMayContainEqualsSigns() {
        assertThat(ClusterEnv.parse("X='a=b'\n")).containsEntry("X", "a=b");
    }
}
