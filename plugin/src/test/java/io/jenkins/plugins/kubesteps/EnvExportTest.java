package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output names come from whatever a container printed; they are exported only behind a prefix
 * that no output can turn into a variable deciding how later steps run.
 */
class EnvExportTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "LD_", "DYLD_", "JAVA_", "JAVA_TOOL_", "GIT_", "GIT_CONFIG_", "NPM_CONFIG_", "PYTHON_", "NODE_",
                "DOCKER_", "SSL_", "HTTP_", "HTTPS_", "BUILD_", "JENKINS_", "K8S_JOB_", "BASH_FUNC_", "P",
                "no_", "_", "1X_", "X", "A-B_", "a=b_", "", "SSH_"
            })
    void refusesPrefixesThatCouldFormAProtectedName(String prefix) {
        assertThat(EnvExport.prefixProblem(prefix)).isNotNull().contains(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SPINNAKER_PROPERTY_", "MIGRATE_", "OUT_", "app_", "Release_2_"})
    void acceptsOrdinaryPrefixes(String prefix) {
        assertThat(EnvExport.prefixProblem(prefix)).isNull();
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
