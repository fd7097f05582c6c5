package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.FormValidation;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The envPrefix shape in a real Jenkins: the form check says what is wrong, and a step given such
 * a prefix fails before it looks up credentials or connects (no cluster needed).
 */
@WithJenkins
class EnvPrefixFormTest {

    @Test
    void theFormCheckRefusesAPrefixOfAnotherShapeAndAcceptsTheAllowedOnes(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("form");
        RunK8sJobStep.DescriptorImpl d = r.jenkins.getDescriptorByType(RunK8sJobStep.DescriptorImpl.class);

        for (String refused : new String[] {"DOTNET_", "GCONV_", "CORECLR_", "ANT_", "TF_", "RUSTC_", "MYAPP_"}) {
            FormValidation v = d.doCheckEnvPrefix(p, refused);
            assertThat(v.kind).as(refused).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(v.getMessage()).contains(refused).contains("_PROPERTY_ or _OUTPUT_");
        }
        assertThat(d.doCheckEnvPrefix(p, "GIT_OUTPUT_").kind).isEqualTo(FormValidation.Kind.ERROR);
        for (String accepted : new String[] {"SPINNAKER_PROPERTY_", "APP_OUTPUT_", ""}) {
            assertThat(d.doCheckEnvPrefix(p, accepted).kind).as(accepted).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    void aStepWithARefusedPrefixFailsBeforeLookingUpCredentials(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE,
                PipelineTest.pipeline(
                        r,
                        "dotnet",
                        "runK8sJob(credentialsId: 'no-such-id', envPrefix: 'DOTNET_', manifest: 'kind: Job')"));

        r.assertLogContains("The variable prefix DOTNET_ is not usable", b);
        r.assertLogNotContains("no-such-id", b);
    }
}
