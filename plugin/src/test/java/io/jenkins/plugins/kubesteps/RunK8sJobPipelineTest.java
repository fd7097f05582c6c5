package io.jenkins.plugins.kubesteps;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Declarative Pipeline runs a Job on the test cluster and uses its outputs both ways: the step's
 * return value (in a script block) and the environment variables of later steps. Runs only with -Pjenkins.
 */
@WithJenkins
class RunK8sJobPipelineTest {
    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @Test
    void declarativePipelineSeesOutputsAsReturnValueAndEnvironment(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        WorkflowJob p = r.createProject(WorkflowJob.class, "declarative");
        p.setDefinition(new CpsFlowDefinition(
                """
                pipeline {
                  agent none
                  stages {
                    stage('run') {
                      steps {
                        script {
                          def out = runK8sJob(credentialsId: '%s', namespace: 'default', manifest: '''%s''')
                          echo "returned GREETING=${out.GREETING} TOKEN=${out.TOKEN}"
                        }
                        echo "env GREETING=${env.GREETING} job=${env.K8S_JOB_NAME}"
                      }
                    }
                  }
                }
                """
                        .formatted(KubeTestSupport.CREDENTIALS_ID, KubeTestSupport.jobManifest("greet", 0)),
                true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("returned GREETING=hello TOKEN=a=b=", b);
        r.assertLogContains("env GREETING=hello job=greet-", b);
        r.assertLogContains(KubeTestSupport.STARTED, b); // the pod's log reached the console
    }
}
