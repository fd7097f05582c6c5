package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {

    @Test
    void acceptsTheFlagsTheClusterScriptPasses() {
        NodeOptions options = NodeOptions.parse(
                "--kubeconfig",
                "d/admin.kubeconfig",
                "--node-name",
                "kubesteps-node",
                "--address",
                "127.0.0.1",
                "--kubelet-port=10250",
                "--tls-cert",
                "d/pki/kubelet.crt",
                "--tls-key",
                "d/pki/kubelet.key",
                "--client-ca",
                "d/pki/ca.crt",
                "--work-dir",
                "d/node");

        assertThat(options.kubeletPort()).isEqualTo(10250);
        assertThat(options.nodeName()).isEqualTo("kubesteps-node");
        assertThat(options.workDir()).isEqualTo(Path.of("d/node"));
        assertThat(options.clientCa()).isEqualTo(Path.of("d/pki/ca.crt"));
    }

    @Test
    void namesWhatIsMissingOrUnknown() {
        assertThatThrownBy(() -> NodeOptions.parse("--kubeconfig", "k")).hasMessage("--kubelet-port is required");
        assertThatThrownBy(() -> NodeOptions.parse("--kubelet-prot", "1")).hasMessage("unknown flag --kubelet-prot");
    }
}
