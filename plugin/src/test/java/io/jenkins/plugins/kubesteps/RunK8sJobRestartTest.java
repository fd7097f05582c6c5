package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Jenkins restarts while the Kubernetes Job runs: the resumed step re-attaches to the same Job, finishes
 * the build with its outputs, and prints no log line twice. Runs only with -Pjenkins.
 */
class RunK8sJobRestartTest {
    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void resumesAfterRestartWithoutRepeatingLogLines() throws Throwable {
        sessions.then(r -> {
            KubeTestSupport.addClusterCredentials(r.jenkins);
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(
                    "def out = runK8sJob(credentialsId: '%s', namespace: 'default', manifest: '''%s''')\necho \"after restart: ${out.GREETING}\""
                            .formatted(KubeTestSupport.CREDENTIALS_ID, KubeTestSupport.jobManifest("slow", 20)),
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage(KubeTestSupport.STARTED, b); // the Job's pod runs; Jenkins now stops mid-step
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after restart: hello", b);
            String log = JenkinsRule.getLog(b);
            assertThat(log.split(KubeTestSupport.STARTED, -1)).as("the pod's first line, printed exactly once").hasSize(2);
        });
    }
}
