package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.console.ConsoleNote;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.StreamTaskListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * In a real Jenkins: the plugin's own links stay console notes, and a failure message carrying an
 * ESC (here through a file name, the one such text a test can place without a cluster) reaches
 * the console cleaned, from Pipeline and from the freestyle build step.
 */
@WithJenkins
class ConsoleNotesTest {
    /** A forged note's start; Jenkins' own notes are followed by base64 of a serialized object, never this. */
    private static final String FORGED = "\u001B[8mha:AAAA";

    @Test
    void theLinksThePluginWritesAreStillNotes(JenkinsRule r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JenkinsConsole(new StreamTaskListener(bytes, StandardCharsets.UTF_8))
                .link("https://logs.example.com/job", "Logs of Job ci/x");

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\u001B[8mha:");
        assertThat(ConsoleNote.removeNotes(out)).isEqualTo("Logs of Job ci/x" + System.lineSeparator());
    }

    @Test
    void aPipelineStepFailsWithAMessageWithoutEsc(JenkinsRule r) throws Exception {
        WorkspaceFilesTest.addDummyToken(r.jenkins);
        // \\u001B: Groovy, not Java, turns it into ESC
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE,
                PipelineTest.pipeline(
                        r,
                        "esc",
                        "node { runK8sJob(%s, file: 'k8s/\\u001B[8mha:AAAA.yaml') }"
                                .formatted(WorkspaceFilesTest.CONNECTION)));

        r.assertLogContains("k8s/\u241B[8mha:AAAA.yaml does not exist", b);
        r.assertLogNotContains(FORGED, b);
    }

    @Test
    void aFreestyleStepFailsWithAMessageWithoutEsc(JenkinsRule r) throws Exception {
        WorkspaceFilesTest.addDummyToken(r.jenkins);
        RunK8sJobStep step = new RunK8sJobStep();
        step.setCredentialsId("dummy-token");
        step.setServerUrl("https://127.0.0.1:1");
        step.setFile("k8s/" + FORGED + ".yaml");
        FreeStyleProject p = r.createFreeStyleProject("esc");
        p.getBuildersList().add(new RunK8sJobBuilder(step));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("k8s/\u241B[8mha:AAAA.yaml does not exist", b);
        r.assertLogNotContains(FORGED, b);
    }
}
