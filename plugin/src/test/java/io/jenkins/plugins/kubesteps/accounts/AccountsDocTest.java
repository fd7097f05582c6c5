package io.jenkins.plugins.kubesteps.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.KubeTestSupport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The Configuration as Code block of docs/jenkins-admin.md is the file {@link AccountsAsCodeTest}
 * applies and exports, so what administrators copy is what was tested.
 */
class AccountsDocTest {

    @Test
    void theAdministratorsGuideShowsTheTestedConfiguration() throws Exception {
        String shown = KubeTestSupport.example("docs/jenkins-admin.md", "```yaml\n");
        String tested;
        try (InputStream in = Objects.requireNonNull(AccountsAsCodeTest.class.getResourceAsStream("accounts.yaml"))) {
            tested = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shown).isEqualTo(tested);
    }
}
