package io.jenkins.plugins.kubesteps.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The Configuration as Code form of accounts that the README shows, applied and exported by JCasC. */
@WithJenkinsConfiguredWithCode
class AccountsAsCodeTest {

    @Test
    @ConfiguredWithCode("accounts.yaml")
    void accountsAreConfiguredAndExportedWithTheirOwnExecSetting(JenkinsConfiguredWithCodeRule j) throws Exception {
        KubernetesAccounts accounts = KubernetesAccounts.get();
        assertThat(accounts.getAccounts())
                .extracting(KubernetesAccount::getName)
                .containsExactly("prod", "eks");
        KubernetesAccount prod = accounts.account("prod");
        assertThat(prod.getServerUrl()).isEqualTo("https://k8s.example.com:6443");
        assertThat(prod.getCredentialsId()).isEqualTo("prod-deployer-token");
        assertThat(prod.getNamespace()).isEqualTo("jobs");
        assertThat(prod.isAllowedFor("team-a/app")).isTrue();
        assertThat(prod.isAllowedFor("team-b/app")).isFalse();
        assertThat(prod.getCaCertificate()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(prod.isAllowKubeconfigExec()).isFalse();
        assertThat(accounts.account("eks").isAllowKubeconfigExec()).isTrue();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        String exported = out.toString(StandardCharsets.UTF_8);
        assertThat(exported)
                .contains("kubernetesAccounts:")
                .contains("name: \"eks\"")
                .contains("allowKubeconfigExec: true");
    }

    /**
     * The one global switch of earlier versions let every build's own Secret file run commands on
     * the controller; a configuration that still sets it fails loudly instead of being half-applied.
     */
    @Test
    @ConfiguredWithCode("accounts.yaml")
    void theGlobalExecSwitchOfEarlierVersionsIsRefused(JenkinsConfiguredWithCodeRule j) {
        String yaml = Objects.requireNonNull(getClass().getResource("global-exec.yaml"))
                .toExternalForm();
        assertThatThrownBy(() -> ConfigurationAsCode.get().configure(yaml))
                .isInstanceOf(ConfiguratorException.class)
                .hasMessageContaining("allowKubeconfigExec");
        assertThat(KubernetesAccounts.get().getAccounts())
                .extracting(KubernetesAccount::getName)
                .as("nothing of the refused file applied")
                .containsExactly("prod", "eks");
    }
}
