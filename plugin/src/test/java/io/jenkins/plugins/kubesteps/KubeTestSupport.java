package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Run;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the JenkinsRule tests share: the local test cluster (one per test JVM, or the one named by
 * KUBESTEPS_CLUSTER_DIR), its administrator kubeconfig as a Jenkins Secret file credential, and
 * Job manifests whose output the tests can recognise.
 */
public final class KubeTestSupport {
    static final String CREDENTIALS_ID = "test-cluster";
    /** First line the Job prints; unique so a test can count it in the console. */
    static final String STARTED = "kubesteps-pod-started";

    private static final Pattern CREATED = Pattern.compile("Created Job (\\S+)/(\\S+)");

    private KubeTestSupport() {}

    /**
     * A code block of one of the project's pages (README.md, docs/*.md) as it is written there: the
     * text after {@code opening} (the block's fence and, for a Jenkinsfile, the comment line that
     * names it) up to the closing fence.
     */
    public static String example(String page, String opening) throws IOException {
        String text = Files.readString(Path.of("..", page));
        Matcher m = Pattern.compile(Pattern.quote(opening) + "(.*?)```", Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("%s has a block starting %s", page, opening).isTrue();
        return m.group(1);
    }

    static TestCluster cluster() {
        return TestCluster.shared();
    }

    static byte[] adminKubeconfig() throws Exception {
        return Files.readAllBytes(cluster().adminKubeconfig());
    }

    /** The cluster's CA certificate as PEM (from the admin kubeconfig), for connections that name the server. */
    static String clusterCaPem() throws Exception {
        Matcher m = Pattern.compile("certificate-authority-data: (\\S+)")
                .matcher(new String(adminKubeconfig(), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.US_ASCII);
    }

    static void addClusterCredentials(Jenkins jenkins) throws Exception {
        addCredentials(jenkins, kubeconfigCredentials(CredentialsScope.GLOBAL, CREDENTIALS_ID));
    }

    static FileCredentialsImpl kubeconfigCredentials(CredentialsScope scope, String id) throws Exception {
        return new FileCredentialsImpl(
                scope, id, "test cluster administrator", "admin.kubeconfig", SecretBytes.fromBytes(adminKubeconfig()));
    }

    static void addCredentials(Jenkins jenkins, IdCredentials credentials) throws Exception {
        CredentialsProvider.lookupStores(jenkins).iterator().next().addCredentials(Domain.global(), credentials);
    }

    /** An account named {@code name} using credentials {@code credentialsId} (its server comes from the kubeconfig). */
    static KubernetesAccount addAccount(String name, String credentialsId) {
        KubernetesAccount account = new KubernetesAccount(name);
        account.setCredentialsId(credentialsId);
        account.setNamespace("default");
        List<KubernetesAccount> accounts =
                new ArrayList<>(KubernetesAccounts.get().getAccounts());
        accounts.add(account);
        KubernetesAccounts.get().setAccounts(accounts);
        return account;
    }

    /** A Job whose container prints outputs (and, with a pause, waits before printing them). */
    static String jobManifest(String name, int pauseSeconds) {
        return job(
                name,
                "echo " + STARTED + "; sleep " + pauseSeconds
                        + "; echo SPINNAKER_PROPERTY_GREETING=hello; echo SPINNAKER_PROPERTY_TOKEN=a=b=");
    }

    /** A Job named {@code name-xxxxx} running {@code script} with sh in container "main". */
    public static String job(String name, String script) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: %s-
                  annotations:
                    job.spinnaker.io/logs: "https://logs.example.com/search?q={{ metadata.name }}"
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox
                        command: ["sh", "-c", %s]
                """
                .formatted(name, quote(script));
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The Job a build created, from the console line the engine prints ("Created Job ns/name"). */
    static String[] createdJob(Run<?, ?> build) throws Exception {
        Matcher m = CREATED.matcher(JenkinsRule.getLog(build));
        assertThat(m.find()).as("the build's console names the Job it created").isTrue();
        return new String[] {m.group(1), m.group(2)};
    }

    /** Waits until the Job is gone from the cluster (deleted, or only waiting for its finalizers). */
    static void assertJobDeleted(String namespace, String name) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        Job job;
        do {
            job = cluster()
                    .client()
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(until));
        assertThat(job).as("Job " + namespace + "/" + name + " was deleted").isNull();
    }
}
