package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Output names come from whatever a container printed; only harmless ones become variables. */
class EnvExportTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PATH", "path", "PATH+EXTRA", "LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES",
                "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "HOME", "SHELL", "IFS",
                "BASH_ENV", "BASH_FUNC_x%%", "WORKSPACE", "BUILD_NUMBER", "K8S_JOB_STATUS", "1ABC",
                "with space", "a-b", "a=b", ""
            })
    void refusesNamesThatCouldChangeHowLaterStepsRun(String name) {
        assertThat(EnvExport.refusal(name)).isNotNull().contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VERSION", "image_tag", "_private", "MIGRATE_PATH", "PATHS", "JAVA", "HOME_DIR"})
    void exportsOrdinaryNames(String name) {
        assertThat(EnvExport.refusal(name)).isNull();
    }
}
