package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a running step leaves in the build's saved program: its connection and options, never an
 * inline manifest or patch (rendered manifests carry secrets; a resumed step does not read them).
 * The restart test checks the real program.dat for a manifest from the workspace.
 */
class SavedProgramTest {
    private static final String SECRET = "c2VjcmV0LXRoYXQtbXVzdC1zdGF5";

    private static String saved(ClusterStep<?> step) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ClusterStepExecution<>(null, step));
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anInlineManifestIsNotSavedButTheLiveStepKeepsIt() throws Exception {
        RunK8sJobStep step = new RunK8sJobStep();
        step.setCredentialsId("prod-kubeconfig");
        step.setManifest("kind: Job\n# password: " + SECRET + "\n");
        step.setEnvPrefix("APP_PROPERTY_");

        String saved = saved(step);

        assertThat(saved).contains("prod-kubeconfig").contains("APP_PROPERTY_").doesNotContain(SECRET);
        assertThat(step.getManifest()).as("the running step still has it").contains(SECRET);
    }

    @Test
    void anInlinePatchIsNotSaved() throws Exception {
        PatchManifestStep step = new PatchManifestStep();
        step.setAccount("prod");
        step.setPatchBody("{\"data\":{\"token\":\"" + SECRET + "\"}}");

        assertThat(saved(step)).contains("prod").doesNotContain(SECRET);
        assertThat(step.getPatchBody()).contains(SECRET);
    }
}
