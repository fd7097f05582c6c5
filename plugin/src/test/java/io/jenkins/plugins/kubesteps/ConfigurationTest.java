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
    void deployBuilderSurvivesAConfigurationRoundTripThroughTheForm(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("deploy-roundtrip");
        KubernetesAccounts.get().setAccounts(List.of(new KubernetesAccount("prod")));
        DeployManifestStep before = new DeployManifestStep();
        before.setAccount("prod");
        before.setNamespace("web");
        before.setFile("k8s/web/");
        before.setArtifacts("registry.example.com:5000/team/web:1.4.2\nregistry.example.com:5000/team/api@sha256:abc");
        before.setRequiredArtifacts("registry.example.com:5000/team/web");
        before.setApplication("shop");
        before.setForceConflicts(true);
        before.setWaitForLoadBalancers(true);
        before.setTimeout(45);
        p.getBuildersList().add(new DeployManifestBuilder(before));

        r.configRoundtrip(p);

        DeployManifestStep after =
                p.getBuildersList().get(DeployManifestBuilder.class).getStep();
        assertThat(after).isNotSameAs(before);
        r.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void operationBuildersSurviveAConfigurationRoundTripThroughTheForm(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("operations-roundtrip");
        DeleteManifestStep delete = new DeleteManifestStep();
        delete.setCredentialsId("some-id");
        delete.setNamespace("shop");
        delete.setCluster("replicaSet frontend");
        delete.setCriteria("oldest");
        delete.setApplication("shop");
        delete.setCascade("foreground");
        delete.setGracePeriodSeconds(0);
        delete.setWaitForCompletion(false);
        delete.setTimeout(10);
        DisableServerGroupStep disable = new DisableServerGroupStep();
        disable.setCredentialsId("some-id");
        disable.setTarget("replicaSet frontend-v001");
        disable.setServices("frontend frontend-canary");
        PatchManifestStep patch = new PatchManifestStep();
        patch.setCredentialsId("some-id");
        patch.setTarget("deployment web");
        patch.setPatchFile("k8s/patch.yaml");
        patch.setMergeStrategy("json");
        p.getBuildersList().add(new DeleteManifestBuilder(delete));
        p.getBuildersList().add(new DisableServerGroupBuilder(disable));
        p.getBuildersList().add(new PatchManifestBuilder(patch));

        r.configRoundtrip(p);

        r.assertEqualDataBoundBeans(
                delete, p.getBuildersList().get(DeleteManifestBuilder.class).getStep());
        r.assertEqualDataBoundBeans(
                disable,
                p.getBuildersList().get(DisableServerGroupBuilder.class).getStep());
        r.assertEqualDataBoundBeans(
                patch, p.getBuildersList().get(PatchManifestBuilder.class).getStep());
    }

    @Test
    void accountsSurviveARoundTripOfManageJenkinsSystem(JenkinsRule r) throws Exception {
        KubernetesAccount prod = new KubernetesAccount("prod");
        prod.setServerUrl("https://k8s.example.com:6443");
        prod.setCredentialsId("prod-token");
        prod.setNamespace("jobs");
        prod.setFolders("team-a\napps/payments");
        prod.setAllowKubeconfigExec(true);
        KubernetesAccount dev = new KubernetesAccount("dev");
        dev.setCredentialsId("dev-kubeconfig");
        KubernetesAccounts accounts = KubernetesAccounts.get();
        accounts.setAccounts(List.of(prod, dev));

        r.configRoundtrip();

        assertThat(accounts.getAccounts()).hasSize(2);
        r.assertEqualDataBoundBeans(prod, accounts.getAccounts().get(0));
        r.assertEqualDataBoundBeans(dev, accounts.getAccounts().get(1));
        assertThat(accounts.getAccounts())
                .extracting(KubernetesAccount::isAllowKubeconfigExec)
                .containsExactly(true, false);
        assertThat(accounts.isAllowInCluster()).isFalse();
    }

    /**
     * Earlier versions had one global switch, which also let every build's own Secret file run
     * commands. Saved on: each account keeps what it had, and the global switch is gone.
     */
    @Test
    void theGlobalExecSwitchOfEarlierVersionsMovesOntoEachAccount(JenkinsRule r) throws Exception {
        Files.writeString(
                accountsFile(r),
                """
                <?xml version='1.1' encoding='UTF-8'?>
                <io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts plugin="kubernetes-manifest-steps@1.0-SNAPSHOT">
                  <accounts>
                    <io.jenkins.plugins.kubesteps.accounts.KubernetesAccount>
                      <name>eks</name>
                      <credentialsId>eks-kubeconfig</credentialsId>
                      <skipTlsVerify>false</skipTlsVerify>
                      <inCluster>false</inCluster>
                    </io.jenkins.plugins.kubesteps.accounts.KubernetesAccount>
                    <io.jenkins.plugins.kubesteps.accounts.KubernetesAccount>
                      <name>gke</name>
                      <credentialsId>gke-kubeconfig</credentialsId>
                      <skipTlsVerify>false</skipTlsVerify>
                      <inCluster>false</inCluster>
                    </io.jenkins.plugins.kubesteps.accounts.KubernetesAccount>
                  </accounts>
                  <allowInCluster>false</allowInCluster>
                  <allowKubeconfigExec>true</allowKubeconfigExec>
                </io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts>
                """);

        KubernetesAccounts loaded = new KubernetesAccounts();

        assertThat(loaded.getAccounts())
                .extracting(KubernetesAccount::getName, KubernetesAccount::isAllowKubeconfigExec)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("eks", true),
                        org.assertj.core.groups.Tuple.tuple("gke", true));
        assertThat(Files.readString(accountsFile(r)))
                .as("saved in the new shape")
                .doesNotContain("</accounts>\n  <allowKubeconfigExec>")
                .contains(
                        "<allowKubeconfigExec>true</allowKubeconfigExec>\n    </io.jenkins.plugins.kubesteps.accounts.KubernetesAccount>");
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
    void everyFormFieldOfEveryBuilderRendersWithItsHelp(JenkinsRule r) throws Exception {
        List<String> cluster =
                List.of("account", "credentialsId", "serverUrl", "namespace", "caCertificate", "skipTlsVerify");
        assertFieldsRenderWithHelp(
                r,
                new RunK8sJobBuilder(new RunK8sJobStep()),
                RunK8sJobStep.class,
                cluster,
                List.of(
                        "manifest",
                        "file",
                        "container",
                        "timeout",
                        "logs",
                        "cleanup",
                        "outputConfigMap",
                        "envPrefix",
                        "propagate",
                        "allowIncompleteOutputs",
                        "activeDeadline"));
        assertFieldsRenderWithHelp(
                r,
                new DeployManifestBuilder(new DeployManifestStep()),
                DeployManifestStep.class,
                cluster,
                List.of(
                        "manifest",
                        "file",
                        "artifacts",
                        "requiredArtifacts",
                        "bindArtifacts",
                        "application",
                        "forceConflicts",
                        "waitForStable",
                        "waitForLoadBalancers",
                        "timeout",
                        "trafficServices",
                        "strategy",
                        "scaleDown"));
        List<String> target = List.of("target", "cluster", "criteria", "application");
        assertFieldsRenderWithHelp(
                r,
                new DisableServerGroupBuilder(null),
                DisableServerGroupStep.class,
                cluster,
                with(target, "services"));
        assertFieldsRenderWithHelp(
                r, new EnableServerGroupBuilder(null), EnableServerGroupStep.class, cluster, with(target, "services"));
        List<String> operation = with(target, "waitForCompletion", "timeout");
        assertFieldsRenderWithHelp(
                r,
                new DeleteManifestBuilder(null),
                DeleteManifestStep.class,
                cluster,
                with(operation, "kind", "labelSelector", "cascade", "gracePeriodSeconds"));
        assertFieldsRenderWithHelp(
                r, new ScaleManifestBuilder(null), ScaleManifestStep.class, cluster, with(operation, "replicas"));
        assertFieldsRenderWithHelp(
                r,
                new UndoRolloutManifestBuilder(null),
                UndoRolloutManifestStep.class,
                cluster,
                with(operation, "revision", "numRevisionsBack"));
        assertFieldsRenderWithHelp(
                r,
                new PatchManifestBuilder(null),
                PatchManifestStep.class,
                cluster,
                with(operation, "patchBody", "patchFile", "mergeStrategy", "artifacts", "requiredArtifacts"));
    }

    /** The help file Jenkins should serve: beside the step's class, else beside the nearest superclass. */
    private static String helpFile(Class<?> step, String field) throws java.io.IOException {
        for (Class<?> k = step; k != null; k = k.getSuperclass()) {
            try (var in = k.getResourceAsStream(k.getSimpleName() + "/help-" + field + ".html")) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
            }
        }
        throw new AssertionError("no help-" + field + ".html for " + step.getName());
    }

    private static List<String> with(List<String> fields, String... more) {
        List<String> all = new java.util.ArrayList<>(fields);
        all.addAll(List.of(more));
        return all;
    }

    /** Each field is on the builder's page, with the step's help (the connection fields' from ClusterStep). */
    private static void assertFieldsRenderWithHelp(
            JenkinsRule r, ClusterStepBuilder builder, Class<?> step, List<String> cluster, List<String> own)
            throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("help-" + step.getSimpleName());
        p.getBuildersList().add(builder);
        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage page = wc.getPage(p, "configure");
        String html = page.getWebResponse().getContentAsString();
        List<String> fields = new java.util.ArrayList<>(cluster);
        fields.addAll(own);
        for (String field : fields) {
            assertThat(page.getElementsByName("_." + field))
                    .as("form field " + field + " of " + step.getSimpleName())
                    .isNotEmpty();
            String help = "descriptor/" + step.getName() + "/help/" + field;
            assertThat(html).as("help link of " + field).contains(help + "\"");
            String text = wc.goTo(help, null).getWebResponse().getContentAsString();
            assertThat(text).as("help text of " + field).contains("<div");
            assertThat(text.strip()).as("help of " + field).isEqualTo(helpFile(step, field));
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
        String job = "{'stapler-class':'io.jenkins.plugins.kubesteps.RunK8sJobStep',"
                + "'$class':'io.jenkins.plugins.kubesteps.RunK8sJobStep',"
                + "'account':'dev','file':'k8s/migrate-job.yaml','timeout':'120','logs':true,'propagate':true,"
                + "'cleanup':'ttl','credentialsId':'','serverUrl':'','namespace':'','manifest':'',"
                + "'caCertificate':'','skipTlsVerify':false,'container':'','outputConfigMap':'','envPrefix':''}";
        String deploy = "{'stapler-class':'io.jenkins.plugins.kubesteps.DeployManifestStep',"
                + "'$class':'io.jenkins.plugins.kubesteps.DeployManifestStep','account':'dev','file':'k8s/web/',"
                + "'artifacts':'registry.example.com:5000/team/web:1.4.2','requiredArtifacts':'','application':'',"
                + "'bindArtifacts':true,'forceConflicts':false,'waitForStable':true,'waitForLoadBalancers':false,"
                + "'timeout':'30','credentialsId':'','serverUrl':'','namespace':'','manifest':'',"
                + "'caCertificate':'','skipTlsVerify':false}";

        String disable = "{'stapler-class':'io.jenkins.plugins.kubesteps.DisableServerGroupStep',"
                + "'$class':'io.jenkins.plugins.kubesteps.DisableServerGroupStep','account':'prod','namespace':'shop',"
                + "'target':'','cluster':'replicaSet frontend','criteria':'second_newest','application':'',"
                + "'services':'','timeout':'5','credentialsId':'','serverUrl':'','caCertificate':'','skipTlsVerify':false}";
        assertThat(snippet(r, p, disable))
                .isEqualTo(
                        "disableServerGroup account: 'prod', cluster: 'replicaSet frontend', criteria: 'second_newest', "
                                + "namespace: 'shop'");
        assertThat(snippet(r, p, job)).isEqualTo("runK8sJob account: 'dev', file: 'k8s/migrate-job.yaml'");
        assertThat(snippet(r, p, deploy))
                .isEqualTo("deployManifest account: 'dev', artifacts: 'registry.example.com:5000/team/web:1.4.2', "
                        + "file: 'k8s/web/'");
    }

    /** What the Snippet Generator's form posts, with a crumb of a web client of its own. */
    private static String snippet(JenkinsRule r, WorkflowJob p, String json) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        var request = new org.htmlunit.WebRequest(
                new java.net.URL(r.getURL(), p.getUrl() + "pipeline-syntax/generateSnippet"),
                org.htmlunit.HttpMethod.POST);
        request.setRequestParameters(List.of(new org.htmlunit.util.NameValuePair("json", json.replace('\'', '"'))));
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse().getContentAsString();
    }
}
