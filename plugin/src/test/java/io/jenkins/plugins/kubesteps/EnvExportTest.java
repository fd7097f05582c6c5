package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output names come from whatever a container printed; they are exported only behind a prefix
 * that no output can turn into a variable deciding how later steps run: a prefix of the allowed
 * shape (upper-case, ending in _PROPERTY_ or _OUTPUT_) that starts no protected family.
 */
class EnvExportTest {

    /** Families the deny-list alone never knew, and the ones it did: none has the allowed shape. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "DOTNET_",
                "CORECLR_",
                "GCONV_",
                "ANT_",
                "TF_",
                "RUSTC_",
                "MYAPP_",
                "LD_",
                "DYLD_",
                "JAVA_",
                "JAVA_TOOL_",
                "GIT_",
                "GIT_CONFIG_",
                "NPM_CONFIG_",
                "PYTHON_",
                "NODE_",
                "DOCKER_",
                "SSL_",
                "HTTP_",
                "HTTPS_",
                "BUILD_",
                "JENKINS_",
                "K8S_JOB_",
                "BASH_FUNC_",
                "P",
                "no_",
                "_",
                "1X_",
                "X",
                "A-B_",
                "a=b_",
                "",
                "SSH_",
                "PROPERTY_",
                "_OUTPUT_",
                "1_OUTPUT_",
                "X_OUTPUT",
                "X_OUTPUTS_",
                "app_output_",
                "App_OUTPUT_",
                "X-Y_OUTPUT_"
            })
    void refusesPrefixesOfAnyOtherShape(String prefix) {
        assertThat(EnvExport.prefixProblem(prefix))
                .isEqualTo(Messages.EnvExport_PrefixInvalid(prefix))
                .contains("_PROPERTY_ or _OUTPUT_");
    }

    /** The deny-list stays as a second line of defence behind the shape. */
    @ParameterizedTest
    @ValueSource(strings = {"GIT_OUTPUT_", "BUILD_PROPERTY_", "LD_OUTPUT_", "JAVA_OPTS_PROPERTY_", "KUBE_OUTPUT_"})
    void refusesPrefixesOfTheAllowedShapeThatStartAProtectedFamily(String prefix) {
        assertThat(EnvExport.prefixProblem(prefix)).isNotNull().contains(prefix).contains("decides how later steps");
    }

    /** Formerly MIGRATE_, OUT_, app_, Release_2_: the same choices in the allowed shape. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "SPINNAKER_PROPERTY_",
                "APP_OUTPUT_",
                "MIGRATE_OUTPUT_",
                "OUT_PROPERTY_",
                "RELEASE_2_OUTPUT_",
                "BUILD1_OUTPUT_",
                "A_PROPERTY_"
            })
    void acceptsPrefixesOfTheAllowedShape(String prefix) {
        assertThat(EnvExport.prefixProblem(prefix)).isNull();
    }

    @Test
    void theDefaultPrefixHasTheAllowedShape() {
        assertThat(EnvExport.prefixProblem(EnvExport.DEFAULT_PREFIX)).isNull();
        assertThat(FormSupport.envPrefixProblem(" ")).as("blank: the default").isNull();
        assertThat(FormSupport.envPrefixProblem(" DOTNET_ ")).isEqualTo(Messages.EnvExport_PrefixInvalid("DOTNET_"));
    }

    @Test
    void aRecordSavedWithAPrefixNowRefusedExportsNothingAndSaysWhy() {
        JobResult result = new JobResult(
                JobStatus.SUCCEEDED,
                new JobRef("ci", "job-x", "uid"),
                Map.of("PATH", "/tmp/evil"),
                null,
                null,
                List.of());
        List<String> refused = new ArrayList<>();
        Map<String, String> env = new HashMap<>();

        EnvExport.export(new K8sJobRecord(result, "DOTNET_"), env, refused::add);

        assertThat(env).isEmpty();
        assertThat(refused).containsExactly(Messages.EnvExport_PrefixInvalid("DOTNET_"));

        EnvExport.export(new K8sJobRecord(result, null), env, refused::add);
        assertThat(env).containsEntry("SPINNAKER_PROPERTY_PATH", "/tmp/evil").containsEntry("K8S_JOB_NAME", "job-x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "a-b", "a=b", "", "x.y", "BASH_FUNC_x%%"})
    void refusesKeysThatAreNoVariableNamePart(String key) {
        assertThat(EnvExport.refusal(key)).isNotNull().contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "LD_PRELOAD", "VERSION", "image_tag", "1ABC", "_x"})
    void acceptsKeysBecauseThePrefixKeepsThemHarmless(String key) {
        assertThat(EnvExport.refusal(key)).isNull();
    }

    @Test
    void dollarSignsAreEscapedForJenkinsVariableExpansion() {
        assertThat(EnvExport.escape("$HOME and $$ and ${X}")).isEqualTo("$$HOME and $$$$ and $${X}");
    }
}
