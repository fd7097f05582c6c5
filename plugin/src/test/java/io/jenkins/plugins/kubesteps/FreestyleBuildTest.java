package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step, in a real Jenkins, against the local cluster. */
@WithJenkins
class FreestyleBuildTest {

    @Test
    void runsAJobAndExportsItsOutputsToTheNextBuildStep(JenkinsRule r) throws Exception {
        assertThat(r.jenkins.getPluginManager().getPlugin("kubernetes-manifest-steps"))
                .as("the plugin under test is loaded as a plugin")
                .isNotNull();
        assertThat(r.jenkins.getPluginManager().getFailedPlugins()).isEmpty();
        KubeTestSupport.addClusterCredentials(r.jenkins);
        FreeStyleProject p = r.createFreeStyleProject("freestyle");
        p.getBuildersList().add(builder(KubeTestSupport.jobManifest("greet", 0)));
        p.getBuildersList()
                .add(new Shell("echo \"next step: $SPINNAKER_PROPERTY_GREETING $SPINNAKER_PROPERTY_TOKEN"
                        + " from $K8S_JOB_NAME ($K8S_JOB_STATUS)\""));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        String[] job = KubeTestSupport.createdJob(b);
        r.assertLogContains("/main] " + KubeTestSupport.STARTED, b); // [pod/container] prefix
        // bounded on the cluster by the default timeout (120 min) plus the 60 s margin
        assertThat(KubeTestSupport.cluster()
                        .client()
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(job[0])
                        .withName(job[1])
                        .get()
                        .getSpec()
                        .getActiveDeadlineSeconds())
                .isEqualTo(120 * 60 + 60L);
        r.assertLogContains("next step: hello a=b= from " + job[1] + " (SUCCEEDED)", b);
        HtmlPage page = r.createWebClient().getPage(b, "kubernetes-jobs");
        String text = page.asNormalizedText();
        assertThat(text).contains(job[1]).contains("GREETING").contains("hello").contains("a=b=");
        assertThat(page.getAnchorByHref("https://logs.example.com/search?q=" + job[1]))
                .as("the log link of the Job")
                .isNotNull();
    }

    @Test
    void abortDeletesTheJob(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        FreeStyleProject p = r.createFreeStyleProject("abort");
        p.getBuildersList().add(builder(KubeTestSupport.jobManifest("aborted", 600)));
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage(KubeTestSupport.STARTED, b);

        b.getExecutor().interrupt();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        String[] job = KubeTestSupport.createdJob(b);
        KubeTestSupport.assertJobDeleted(job[0], job[1]);
    }

    @Test
    void aFailedJobFailsTheBuildWithItsExitCode(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        FreeStyleProject p = r.createFreeStyleProject("fails");
        p.getBuildersList().add(builder(KubeTestSupport.job("fails", "echo about to fail; exit 3")));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("about to fail", b);
        r.assertLogContains("exit code 3", b);
    }

    static RunK8sJobBuilder builder(String manifest) {
        RunK8sJobStep step = new RunK8sJobStep();
        step.setCredentialsId(KubeTestSupport.CREDENTIALS_ID);
        step.setNamespace("default");
        step.setManifest(manifest);
        return new RunK8sJobBuilder(step);
    }
}
