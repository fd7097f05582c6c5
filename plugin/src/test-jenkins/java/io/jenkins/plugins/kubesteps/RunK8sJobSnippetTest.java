package io.jenkins.plugins.kubesteps;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator turns the form into the Pipeline call users copy, and that call must bind back
 * to the same step: defaults left out, only what the user set written. Runs only with -Pjenkins.
 */
@WithJenkins
class RunK8sJobSnippetTest {
    @Test
    void snippetOfASimpleCallRoundTrips(JenkinsRule r) throws Exception {
        RunK8sJobStep step = new RunK8sJobStep();
        step.setAccount("dev");
        step.setFile("k8s/migrate-job.yaml");
        new SnippetizerTester(r).assertRoundTrip(step, "runK8sJob account: 'dev', file: 'k8s/migrate-job.yaml'");
    }

    @Test
    void nonDefaultOptionsAppearInTheSnippet(JenkinsRule r) throws Exception {
        RunK8sJobStep step = new RunK8sJobStep();
        step.setCredentialsId("kubeconfig");
        step.setManifest("kind: Job");
        step.setLogs(false);
        step.setTimeout(5);
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step, "runK8sJob credentialsId: 'kubeconfig', logs: false, manifest: 'kind: Job', timeout: 5");
    }
}
