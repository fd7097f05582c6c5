package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Which credentials a build may use, looked up the way Jenkins scopes them, and the account
 * form's "Test connection" against the local cluster with each kind of credential.
 */
@WithJenkins
class CredentialsTest {
    private static final String TEST_CONNECTION =
            "descriptorByName/io.jenkins.plugins.kubesteps.accounts.KubernetesAccount/testConnection";

    @Test
    void anAccountMayUseASystemScopedCredentialButAStepMayNot(JenkinsRule r) throws Exception {
        KubeTestSupport.addCredentials(
                r.jenkins, KubeTestSupport.kubeconfigCredentials(CredentialsScope.SYSTEM, "system-kubeconfig"));
        KubeTestSupport.addAccount("sys", "system-kubeconfig");
        String manifest = KubeTestSupport.jobManifest("scoped", 0);

        WorkflowRun viaAccount = r.buildAndAssertSuccess(PipelineTest.pipeline(
                r, "account", "echo runK8sJob(account: 'sys', manifest: '''%s''').GREETING".formatted(manifest)));
        r.assertLogContains("hello", viaAccount);

        WorkflowRun viaStep = r.buildAndAssertStatus(
                Result.FAILURE,
                PipelineTest.pipeline(
                        r,
                        "step",
                        "runK8sJob(credentialsId: 'system-kubeconfig', manifest: '''%s''')".formatted(manifest)));
        r.assertLogContains("system-kubeconfig", viaStep);
        r.assertLogNotContains(KubeTestSupport.STARTED, viaStep);
    }

    @Test
    void aMissingCredentialFailsNamingItsId(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(
                Result.FAILURE,
                PipelineTest.pipeline(
                        r,
                        "missing",
                        "runK8sJob(credentialsId: 'no-such-id', serverUrl: 'https://127.0.0.1:1',"
                                + " manifest: '''%s''')".formatted(KubeTestSupport.jobManifest("x", 0))));
        r.assertLogContains("no-such-id", b);
    }

    @Test
    void anAccountRestrictedToAFolderRefusesJobsElsewhere(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        KubernetesAccount team = KubeTestSupport.addAccount("team", KubeTestSupport.CREDENTIALS_ID);
        team.setFolders("team-a");
        KubernetesAccounts.get().setAccounts(List.of(team));
        String script = "echo runK8sJob(account: 'team', manifest: '''%s''').GREETING"
                .formatted(KubeTestSupport.jobManifest("f", 0));
        Folder folder = r.jenkins.createProject(Folder.class, "team-a");
        WorkflowJob inside = folder.createProject(WorkflowJob.class, "inside");
        inside.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition(script, true));

        r.assertLogContains("hello", r.buildAndAssertSuccess(inside));
        WorkflowRun outside = r.buildAndAssertStatus(Result.FAILURE, PipelineTest.pipeline(r, "outside", script));
        r.assertLogContains("Kubernetes account 'team' may not be used by outside", outside);
    }

    @Test
    void testConnectionWorksWithEachKindOfCredential(JenkinsRule r) throws Exception {
        KubeTestSupport.addClusterCredentials(r.jenkins);
        String server = KubeTestSupport.cluster().apiServerUrl();
        String token = serviceAccountToken();
        KubeTestSupport.addCredentials(
                r.jenkins,
                new StringCredentialsImpl(CredentialsScope.SYSTEM, "token", "token", Secret.fromString(token)));
        KubeTestSupport.addCredentials(
                r.jenkins,
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "basic", "basic", "admin", "secret-pw"));
        KubeTestSupport.addCredentials(
                r.jenkins,
                new CertificateCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "certificate",
                        "certificate",
                        "keystore-pw",
                        new CertificateCredentialsImpl.UploadedKeyStoreSource(
                                SecretBytes.fromBytes(adminKeyStore("keystore-pw")))));
        JenkinsRule.WebClient wc = r.createWebClient();

        assertThat(testConnection(wc, "", KubeTestSupport.CREDENTIALS_ID))
                .contains("Connected")
                .contains("v1.34");
        assertThat(testConnection(wc, server, "token")).contains("Connected");
        assertThat(testConnection(wc, server, "certificate")).contains("Connected");
        // The API server no longer accepts basic authentication: the form says the attempt failed, without the
        // password.
        assertThat(testConnection(wc, server, "basic"))
                .contains("Could not connect")
                .doesNotContain("secret-pw");
        assertThat(testConnection(wc, server, "no-such-id")).contains("no-such-id");
    }

    @Test
    void formEndpointsRefuseGetAndUsersWithoutPermission(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(jenkins.model.Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(jenkins.model.Jenkins.READ)
                .everywhere()
                .to("reader"));
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        Page get = wc.login("admin").goTo(TEST_CONNECTION + "?serverUrl=https://127.0.0.1:1", null);
        // Stapler finds no GET route to a @POST method: refused before our code runs
        assertThat(get.getWebResponse().getStatusCode()).as("GET").isIn(404, 405);

        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        WebRequest post = new WebRequest(wc.createCrumbedUrl(TEST_CONNECTION), HttpMethod.POST);
        post.setRequestParameters(List.of(new NameValuePair("serverUrl", "https://127.0.0.1:1")));
        assertThat(reader.getPage(post).getWebResponse().getStatusCode())
                .as("POST by a user without Overall/Administer")
                .isEqualTo(403);
    }

    private static String testConnection(JenkinsRule.WebClient wc, String serverUrl, String credentialsId)
            throws Exception {
        WebRequest post = new WebRequest(wc.createCrumbedUrl(TEST_CONNECTION), HttpMethod.POST);
        post.setRequestParameters(List.of(
                new NameValuePair("serverUrl", serverUrl),
                new NameValuePair("credentialsId", credentialsId),
                new NameValuePair("caCertificate", KubeTestSupport.clusterCaPem())));
        return wc.getPage(post).getWebResponse().getContentAsString();
    }

    /** The administrator's client certificate and key from the kubeconfig, as the PKCS#12 file a user uploads. */
    private static byte[] adminKeyStore(String password) throws Exception {
        String kubeconfig = new String(KubeTestSupport.adminKubeconfig(), StandardCharsets.UTF_8);
        byte[] certificate = decoded(kubeconfig, "client-certificate-data");
        byte[] key = decoded(kubeconfig, "client-key-data");
        X509Certificate cert = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
        String pem = new String(key, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----|\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem));
        PrivateKey privateKey =
                KeyFactory.getInstance(cert.getPublicKey().getAlgorithm()).generatePrivate(spec);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("admin", privateKey, password.toCharArray(), new Certificate[] {cert});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    private static byte[] decoded(String kubeconfig, String field) {
        Matcher m = Pattern.compile(field + ": (\\S+)").matcher(kubeconfig);
        assertThat(m.find()).as(field).isTrue();
        return Base64.getDecoder().decode(m.group(1));
    }

    /** A token of a service account bound to cluster-admin, made with kubectl as a user would. */
    private static String serviceAccountToken() {
        var cluster = KubeTestSupport.cluster();
        cluster.kubectl("create", "serviceaccount", "jenkins-test", "-n", "default");
        cluster.kubectl(
                "create",
                "clusterrolebinding",
                "jenkins-test",
                "--clusterrole=cluster-admin",
                "--serviceaccount=default:jenkins-test");
        var result = cluster.kubectl("create", "token", "jenkins-test", "-n", "default");
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.stdout().strip();
    }
}
