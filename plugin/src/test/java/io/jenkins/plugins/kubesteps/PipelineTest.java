package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * runK8sJob in real Pipelines (script sandbox on, so neither the step nor its return value needs
 * script approval) against the local cluster.
 */
@WithJenkins
class PipelineTest {
    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @Test
    void returnsTheOutputsAndExportsThemByteExactToLaterShellSteps(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String manifest = KubeTestSupport.job(
                "outputs",
                "echo SPINNAKER_PROPERTY_RELEASE=1.1.1;"
                        // Kubernetes itself turns $$ in a command into $: this prints $HOME and $$ and ${X}
                        + " echo 'SPINNAKER_PROPERTY_DOLLARS=$HOME and $$$$ and ${X}';"
                        + " echo 'SPINNAKER_CONFIG_JSON={\"replicas\": 3}'");
        WorkflowJob p = pipeline(
                r,
                "outputs",
                """
                def out = runK8sJob(credentialsId: '%s', namespace: 'default', manifest: '''%s''')
                echo "returned RELEASE=${out.RELEASE} replicas=${out.replicas + 1}"
                node {
                  sh 'echo "env RELEASE=$SPINNAKER_PROPERTY_RELEASE"; echo "env DOLLARS=[$SPINNAKER_PROPERTY_DOLLARS]"'
                }
                """
                        // Groovy reads a backslash in a triple-quoted string as an escape
                        .formatted(KubeTestSupport.CREDENTIALS_ID, manifest.replace("\\", "\\\\")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("returned RELEASE=1.1.1 replicas=4", b);
        r.assertLogContains("env RELEASE=1.1.1", b);
        r.assertLogContains("env DOLLARS=[$HOME and $$ and ${X}]", b);
    }

    @Test
    void parallelBranchesEachRunTheirOwnJob(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        WorkflowJob p = pipeline(
                r,
                "parallel",
                """
                def results = [:]
                parallel left: {
                  results.left = runK8sJob(credentialsId: '%1$s', namespace: 'default', manifest: '''%2$s''').SIDE
                }, right: {
                  results.right = runK8sJob(credentialsId: '%1$s', namespace: 'default', manifest: '''%3$s''').SIDE
                }
                echo "left=${results.left} right=${results.right}"
                """
                        .formatted(
                                KubeTestSupport.CREDENTIALS_ID,
                                KubeTestSupport.job("left", "sleep 2; echo SPINNAKER_PROPERTY_SIDE=L"),
                                KubeTestSupport.job("right", "sleep 2; echo SPINNAKER_PROPERTY_SIDE=R")));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("left=L right=R", b);
        assertThat(b.getAction(K8sJobAction.class).getJobs()).hasSize(2);
    }

    @Test
    void aFailedJobFailsTheStepUnlessPropagateIsFalse(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String failing = KubeTestSupport.job("fails", "echo SPINNAKER_PROPERTY_PARTIAL=yes; exit 4");
        WorkflowJob p = pipeline(
                r,
                "propagate",
                """
                def out = runK8sJob(credentialsId: '%1$s', namespace: 'default', propagate: false, manifest: '''%2$s''')
                echo "status ${env.K8S_JOB_STATUS} partial=${out.PARTIAL}"
                runK8sJob(credentialsId: '%1$s', namespace: 'default', manifest: '''%2$s''')
                echo 'not reached'
                """
                        .formatted(KubeTestSupport.CREDENTIALS_ID, failing));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("status FAILED partial=yes", b);
        r.assertLogContains("exit code 4", b);
        r.assertLogNotContains("not reached", b);
    }

    /** The Declarative example of docs/run-job.md, as it is written there. */
    @Test
    void theDeclarativeExampleOfTheRunJobPageRunsAsWritten(JenkinsRule r) throws Exception {
        String example = KubeTestSupport.example("docs/run-job.md", "```groovy\n// Declarative\n");
        KubeTestSupport.addCredentials(
                r.jenkins,
                KubeTestSupport.kubeconfigCredentials(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL, "prod-kubeconfig"));
        KubernetesAccount prod = KubeTestSupport.addAccount("prod", "prod-kubeconfig");
        assertThat(prod.getName()).isEqualTo("prod");
        WorkflowJob p = pipeline(r, "declarative", example);
        r.jenkins
                .getWorkspaceFor(p)
                .child("k8s/migrate.yaml")
                .write(
                        KubeTestSupport.job("migrate", "echo migrating; echo SPINNAKER_PROPERTY_RELEASE=2026.11.29"),
                        "UTF-8");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("release 2026.11.29", b);
        r.assertLogContains("2026.11.29 from Job default/migrate-", b);
        r.assertLogContains("(SUCCEEDED)", b);
    }

    static WorkflowJob pipeline(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
