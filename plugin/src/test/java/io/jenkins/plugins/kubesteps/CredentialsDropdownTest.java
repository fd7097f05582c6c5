package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The credentials list of a step's form offers what the job's builds can look up. A job whose
 * builds run as a user (a QueueItemAuthenticator, as with Authorize Project) cannot use the global
 * store's credentials when the user lacks Credentials/UseItem, so they are not offered; listing as
 * SYSTEM offered them. No cluster: the build fails at the credential lookup.
 */
@WithJenkins
class CredentialsDropdownTest {
    private static final String SERVER = "https://127.0.0.1:1";

    @Test
    void aJobRunningAsAUserIsOfferedOnlyCredentialsItsBuildsCanFind(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                // not Item.CONFIGURE: it implies Credentials/UseItem, with which the build-time
                // lookup falls back to SYSTEM and finds global credentials after all
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("dev"));
        KubeTestSupport.addCredentials(
                r.jenkins,
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "global-token", "global", Secret.fromString("t")));
        WorkflowJob asDev = PipelineTest.pipeline(
                r,
                "as-dev",
                "runK8sJob(credentialsId: 'global-token', serverUrl: '%s', manifest: 'kind: ConfigMap')"
                        .formatted(SERVER));
        WorkflowJob asSystem = PipelineTest.pipeline(r, "as-system", "echo 'default authentication'");
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator()
                        .authenticate("as-dev", User.getById("dev", true).impersonate2()));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, asDev);
        r.assertLogContains(Messages.CredentialsConverter_NotFound("global-token"), b);

        assertThat(offered(r, asDev)).as("the build cannot find it").doesNotContain("global-token");
        assertThat(offered(r, asSystem)).as("builds run as SYSTEM").contains("global-token");
        assertThat(offered(r, folder)).as("no job: as SYSTEM").contains("global-token");
        assertThat(offered(r, null)).as("global configuration").contains("global-token");
    }

    @Test
    void theCurrentValueIsKeptEvenWhenTheBuildCannotFindIt(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        WorkflowJob p = PipelineTest.pipeline(r, "p", "echo 'x'");
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator()
                        .authenticate("p", User.getById("dev", true).impersonate2()));
        ListBoxModel items = r.jenkins
                .getDescriptorByType(RunK8sJobStep.DescriptorImpl.class)
                .doFillCredentialsIdItems(p, "old-id", SERVER);
        assertThat(items.stream().map(o -> o.value)).contains("old-id");
    }

    /** The values of the step form's credentials list for {@code item}, as an administrator asks for it. */
    private static List<String> offered(JenkinsRule r, Item item) {
        try (ACLContext admin = ACL.as2(User.getById("admin", true).impersonate2())) {
            ListBoxModel items = r.jenkins
                    .getDescriptorByType(RunK8sJobStep.DescriptorImpl.class)
                    .doFillCredentialsIdItems(item, "", SERVER);
            return items.stream().map(o -> o.value).toList();
        }
    }
}
