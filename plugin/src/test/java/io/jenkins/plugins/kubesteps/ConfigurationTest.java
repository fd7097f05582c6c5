package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.transform.stream.StreamSource;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextInput;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The configuration forms rendered and submitted through HtmlUnit (a page that stops rendering,
 * or a class XStream refuses to save, fails these), and what Jenkins saves to disk.
 */
@WithJenkins
class ConfigurationTest {

    @Test
    void builderSurvivesAConfigurationRoundTripThroughTheForm(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("roundtrip");
        RunK8sJobStep before = new RunK8sJobStep();
        before.setCredentialsId("some-id");
        before.setServerUrl("https://k8s.example.com:6443");
        before.setNamespace("ci");
        before.setFile("k8s/job.yaml");
        before.setContainer("main");
        before.setTimeout(30);
        before.setLogs(false);
        before.setCleanup("always");
        before.setOutputConfigMap("outputs:result");
        before.setEnvPrefix("MIGRATE_");
        before.setPropagate(false);
        p.getBuildersList().add(new RunK8sJobBuilder(before));

        r.configRoundtrip(p);

        RunK8sJobStep after = p.getBuildersList().get(RunK8sJobBuilder.class).getStep();
        assertThat(after).isNotSameAs(before);
        r.assertEqualDataBoundBeans(before, after);
        String configXml = Files.readString(p.getConfigFile().getFile().toPath());
        assertThat(configXml).contains("RunK8sJobBuilder").contains("MIGRATE_");
    }

    @Test
    void accountsSurviveARoundTripOfManageJenkinsSystem(JenkinsRule r) throws Exception {
        KubernetesAccount prod = new KubernetesAccount("prod");
        prod.setServerUrl("https://k8s.example.com:6443");
        prod.setCredentialsId("prod-token");
        prod.setNamespace("jobs");
        prod.setFolders("team-a\napps/payments");
        KubernetesAccounts accounts = KubernetesAccounts.get();
        accounts.setAccounts(List.of(prod));
        accounts.setAllowKubeconfigExec(true);

        r.configRoundtrip();

        assertThat(accounts.getAccounts()).hasSize(1);
        r.assertEqualDataBoundBeans(prod, accounts.getAccounts().get(0));
        assertThat(accounts.isAllowKubeconfigExec()).isTrue();
        assertThat(accounts.isAllowInCluster()).isFalse();
    }

    @Test
    void aRejectedFormChangesNothingOnDiskOrInMemory(JenkinsRule r) throws Exception {
        KubernetesAccounts accounts = KubernetesAccounts.get();
        accounts.setAccounts(List.of(new KubernetesAccount("one"), new KubernetesAccount("two")));
        String saved = Files.readString(accountsFile(r));
        HtmlPage page = r.createWebClient().goTo("manage/configure");
        HtmlForm form = page.getFormByName("config");
        List<HtmlTextInput> names = form.getInputsByName("_.name").stream()
                .filter(HtmlTextInput.class::isInstance)
                .map(HtmlTextInput.class::cast)
                .filter(i -> i.getValue().equals("two"))
                .toList();
        names.get(0).setValue("one");

        try {
            r.submit(form);
        } catch (FailingHttpStatusCodeException expected) {
            assertThat(expected.getResponse().getContentAsString()).contains("one");
        }

        assertThat(accounts.getAccounts())
                .extracting(KubernetesAccount::getName)
                .containsExactly("one", "two");
        assertThat(Files.readString(accountsFile(r))).isEqualTo(saved);
    }

    private static java.nio.file.Path accountsFile(JenkinsRule r) {
        return r.jenkins.getRootDir().toPath().resolve(KubernetesAccounts.class.getName() + ".xml");
    }

    @Test
    void everyFormFieldRendersWithItsHelp(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("help");
        p.getBuildersList().add(new RunK8sJobBuilder(new RunK8sJobStep()));
        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage page = wc.getPage(p, "configure");
        String html = page.getWebResponse().getContentAsString();
        for (String field : List.of(
                "account",
                "credentialsId",
                "serverUrl",
                "namespace",
                "manifest",
                "file",
                "caCertificate",
                "skipTlsVerify",
                "container",
                "timeout",
                "logs",
                "cleanup",
                "outputConfigMap",
                "envPrefix",
                "propagate",
                "allowIncompleteOutputs",
                "activeDeadline")) {
            assertThat(page.getElementsByName("_." + field))
                    .as("form field " + field)
                    .isNotEmpty();
            // the builder shows the step's help files: one text per field for both
            String help = "descriptor/io.jenkins.plugins.kubesteps.RunK8sJobStep/help/" + field;
            assertThat(html).as("help link of " + field).contains(help + "\"");
            assertThat(wc.goTo(help, null).getWebResponse().getContentAsString())
                    .as("help text of " + field)
                    .contains("<div");
        }
        assertThat(page.getElementsByTagName("button").stream().map(b -> b.getTextContent()))
                .as("the page renders to its end")
                .anyMatch(t -> t.contains("Save"));
    }

    @Test
    void aBuilderSavedBeforeFieldsExistedLoadsWithTheDocumentedDefaults(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("old");
        String oldXml =
                """
                <project>
                  <builders>
                    <io.jenkins.plugins.kubesteps.RunK8sJobBuilder>
                      <step><account>prod</account><file>job.yaml</file></step>
                    </io.jenkins.plugins.kubesteps.RunK8sJobBuilder>
                    <io.jenkins.plugins.kubesteps.RunK8sJobBuilder/>
                  </builders>
                </project>
                """;
        p.updateByXml(new StreamSource(new ByteArrayInputStream(oldXml.getBytes(StandardCharsets.UTF_8))));

        List<RunK8sJobBuilder> builders = p.getBuildersList().getAll(RunK8sJobBuilder.class);
        assertThat(builders).hasSize(2);
        for (RunK8sJobBuilder b : builders) {
            assertThat(b.getStep().getTimeout()).isEqualTo(120);
            assertThat(b.getStep().isPropagate()).isTrue();
            assertThat(b.getStep().isLogs()).isTrue();
            assertThat(b.getStep().getCleanup()).isEqualTo("ttl");
        }
        assertThat(builders.get(0).getStep().getAccount()).isEqualTo("prod");
        assertThat(builders.get(0).getStep().getFile()).isEqualTo("job.yaml");
    }

    @Test
    void aBuildReloadsWithItsJobsAndNoSecretIsSavedOrPrinted(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        FreeStyleProject p = r.createFreeStyleProject("secrets");
        p.getBuildersList().add(FreestyleBuildTest.builder(KubeTestSupport.jobManifest("secrets", 0)));
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        b.save();
        r.jenkins.reload();
        FreeStyleBuild reloaded =
                r.jenkins.getItemByFullName("secrets", FreeStyleProject.class).getBuildByNumber(1);
        K8sJobRecord job = reloaded.getAction(K8sJobAction.class).getJobs().get(0);
        assertThat(job.getOutputs()).containsEntry("GREETING", "hello").containsEntry("TOKEN", "a=b=");
        assertThat(job.getStatus()).isEqualTo("SUCCEEDED");

        String key = new String(KubeTestSupport.adminKubeconfig(), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("client-key-data"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*client-key-data: ", "")
                .strip();
        assertThat(key).hasSizeGreaterThan(100);
        String keyStart = key.substring(0, 40);
        try (Stream<java.nio.file.Path> files =
                Files.walk(r.jenkins.getRootDir().toPath())) {
            for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".xml")
                            || f.getFileName().toString().equals("log"))
                    .toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
                        .as("secret key material in " + f)
                        .doesNotContain(keyStart);
            }
        }
    }

    @Test
    void theSnippetGeneratorWritesTheDocumentedSyntax(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "snippets");
        JenkinsRule.WebClient wc = r.createWebClient();
        String json =
                "{'stapler-class':'io.jenkins.plugins.kubesteps.RunK8sJobStep','$class':'io.jenkins.plugins.kubesteps.RunK8sJobStep',"
                        + "'account':'dev','file':'k8s/migrate-job.yaml','timeout':'120','logs':true,'propagate':true,"
                        + "'cleanup':'ttl','credentialsId':'','serverUrl':'','namespace':'','manifest':'',"
                        + "'caCertificate':'','skipTlsVerify':false,'container':'','outputConfigMap':'','envPrefix':''}";
        var request = new org.htmlunit.WebRequest(
                new java.net.URL(r.getURL(), p.getUrl() + "pipeline-syntax/generateSnippet"),
                org.htmlunit.HttpMethod.POST);
        request.setRequestParameters(List.of(new org.htmlunit.util.NameValuePair("json", json.replace('\'', '"'))));
        wc.addCrumb(request);
        String snippet = wc.getPage(request).getWebResponse().getContentAsString();

        assertThat(snippet).isEqualTo("runK8sJob account: 'dev', file: 'k8s/migrate-job.yaml'");
    }
}
