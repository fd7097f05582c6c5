package io.jenkins.plugins.kubesteps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.nio.file.Files;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;

/** Shared setup of the -Pjenkins tests: the test cluster's admin kubeconfig as a Secret file credential. */
final class KubeTestSupport {
    static final String CREDENTIALS_ID = "test-cluster";
    /** First line the Job prints; unique so a test can count it in the console. */
    static final String STARTED = "kubesteps-pod-started";

    private KubeTestSupport() {}

    static void addClusterCredentials(Jenkins jenkins) throws Exception {
        TestCluster cluster = TestCluster.shared();
        byte[] kubeconfig = Files.readAllBytes(cluster.adminKubeconfig());
        FileCredentialsImpl credentials = new FileCredentialsImpl(
                CredentialsScope.GLOBAL,
                CREDENTIALS_ID,
                "test cluster administrator",
                "admin.kubeconfig",
                SecretBytes.fromBytes(kubeconfig));
        CredentialsProvider.lookupStores(jenkins).iterator().next().addCredentials(Domain.global(), credentials);
    }

    /** A Job whose container prints outputs (and, with a pause, waits before printing the last one). */
    static String jobManifest(String name, int pauseSeconds) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: %s-
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox
                        command: ["sh", "-c", "echo %s; sleep %d; echo SPINNAKER_PROPERTY_GREETING=hello; echo SPINNAKER_PROPERTY_TOKEN=a=b="]
                """
                .formatted(name, STARTED, pauseSeconds);
    }
}
