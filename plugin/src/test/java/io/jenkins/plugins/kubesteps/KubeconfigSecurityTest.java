package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.model.Result;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A Secret file kubeconfig is text anyone with a credentials store may write; whatever it says,
 * the controller runs no command and reads no file of its own unless an administrator allowed it
 * for that one account. Each case watches for a marker file the command would create.
 */
@WithJenkins
class KubeconfigSecurityTest {
    /** Nothing listens there: a client that gets this far fails to connect, after any exec ran. */
    private static final String NOWHERE = "https://127.0.0.1:1";

    @TempDir
    Path tmp;

    private String execUser(Path marker) {
        return """
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: /bin/sh
                      args: ["-c", "touch %s; echo '{\\"apiVersion\\":\\"client.authentication.k8s.io/v1\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"t\\"}}'"]
                """
                .formatted(marker);
    }

    private static String kubeconfig(String clusters, String users) {
        return """
                apiVersion: v1
                kind: Config
                current-context: c
                contexts:
                - name: c
                  context: {cluster: k, user: u}
                clusters:
                %s
                users:
                %s
                """
                .formatted(clusters, users);
    }

    private static final String CLUSTER =
            "- name: k\n  cluster: {server: \"" + NOWHERE + "\", insecure-skip-tls-verify: true}";

    private static void addKubeconfig(JenkinsRule r, String id, String text) throws Exception {
        KubeTestSupport.addCredentials(
                r.jenkins,
                new FileCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        id,
                        id,
                        "kubeconfig",
                        SecretBytes.fromBytes(text.getBytes(StandardCharsets.UTF_8))));
    }

    private static KubernetesAccount account(String name, String credentialsId, boolean allowExec) {
        KubernetesAccount a = new KubernetesAccount(name);
        a.setCredentialsId(credentialsId);
        a.setAllowKubeconfigExec(allowExec);
        return a;
    }

    private static WorkflowRun run(JenkinsRule r, String job, String connection) throws Exception {
        return r.buildAndAssertStatus(
                Result.FAILURE,
                PipelineTest.pipeline(
                        r,
                        job,
                        "runK8sJob(%s, manifest: '''%s''')"
                                .formatted(connection, KubeTestSupport.jobManifest("sec", 0))));
    }

    @Test
    void aSecondUserOfTheSameNameRunsNothingThroughAStepOrAnyAccount(JenkinsRule r) throws Exception {
        Path marker = tmp.resolve("ran");
        addKubeconfig(
                r, "dup-user", kubeconfig(CLUSTER, "- name: u\n  user: {token: x}\n- name: u\n" + execUser(marker)));
        KubernetesAccounts.get()
                .setAccounts(List.of(account("plain", "dup-user", false), account("trusted", "dup-user", true)));

        for (String connection : List.of(
                "credentialsId: 'dup-user', serverUrl: '" + NOWHERE + "'", "account: 'plain'", "account: 'trusted'")) {
            WorkflowRun b = run(r, "dup-user-" + connection.length(), connection);
            r.assertLogContains("users names 'u' more than once", b);
        }
        assertThat(marker).as("the second user's command must never run").doesNotExist();
    }

    @Test
    void aSecondClusterOfTheSameNameReadsNoControllerFile(JenkinsRule r) throws Exception {
        Path secret = Files.writeString(tmp.resolve("controller-secret.pem"), "not for builds");
        String clusters = CLUSTER + "\n- name: k\n  cluster: {server: \"" + NOWHERE + "\", certificate-authority: "
                + secret + "}";
        addKubeconfig(r, "dup-cluster", kubeconfig(clusters, "- name: u\n  user: {token: x}"));
        KubernetesAccounts.get().setAccounts(List.of(account("plain", "dup-cluster", false)));

        for (String connection : List.of("credentialsId: 'dup-cluster'", "account: 'plain'")) {
            WorkflowRun b = run(r, "dup-cluster-" + connection.length(), connection);
            r.assertLogContains("clusters names 'k' more than once", b);
        }
    }

    @Test
    void execAllowedForOneAccountIsStillRefusedForABuildsOwnCredential(JenkinsRule r) throws Exception {
        Path marker = tmp.resolve("ran");
        addKubeconfig(r, "eks", kubeconfig(CLUSTER, "- name: u\n" + execUser(marker)));
        KubernetesAccounts.get().setAccounts(List.of(account("eks", "eks", true), account("other", "eks", false)));

        WorkflowRun viaStep = run(r, "own-credential", "credentialsId: 'eks'");
        r.assertLogContains(
                "(an exec plugin), and running commands from stored kubeconfigs is not allowed here", viaStep);
        WorkflowRun viaOther = run(r, "other-account", "account: 'other'");
        r.assertLogContains("is not allowed here", viaOther);
        assertThat(marker).as("refused before running").doesNotExist();

        WorkflowRun viaAllowed = run(r, "allowed-account", "account: 'eks'");
        r.assertLogNotContains("is not allowed here", viaAllowed);
        assertThat(marker)
                .as("the account an administrator allowed runs its exec plugin")
                .exists();
    }
}
