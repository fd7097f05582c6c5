package io.jenkins.plugins.kubesteps.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {
    private static final String ACTION = "create Job team/hello";
    private static final String TOKEN = "s3cr3t-token-value";

    private static KubernetesClientException http(int code, String reason, String message) {
        Status status = new StatusBuilder()
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build();
        return new KubernetesClientException(
                "Failure executing: POST at: https://admin:" + TOKEN
                        + "@10.0.0.1:6443/apis/batch/v1/namespaces/team/jobs." + " Message: " + message,
                code,
                status);
    }

    private static KubernetesClientException ioFailure(Throwable cause) {
        return new KubernetesClientException(
                "Error executing: POST at: https://admin:" + TOKEN
                        + "@10.0.0.1:6443/apis/batch/v1/namespaces/team/jobs." + " Cause: " + cause.getMessage(),
                cause);
    }

    @Test
    void unauthorizedSaysTheCredentialsWereRejected() {
        ClusterException e = ClusterErrors.translate(http(401, "Unauthorized", "Unauthorized"), ACTION);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage())
                .startsWith("Could not create Job team/hello: the cluster rejected the credentials (HTTP 401"
                        + " Unauthorized). Check that the token")
                .doesNotContain(TOKEN);
    }

    @Test
    void forbiddenQuotesTheServerAndHintsAtRbac() {
        String server = "jobs.batch is forbidden: User \"system:serviceaccount:ci:jenkins\" cannot create resource"
                + " \"jobs\" in API group \"batch\" in the namespace \"team\"";
        ClusterException e = ClusterErrors.translate(http(403, "Forbidden", server), ACTION);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage())
                .contains("forbidden (HTTP 403): " + server)
                .contains("RoleBinding")
                .doesNotContain(TOKEN);
    }

    @Test
    void notFoundAndConflict() {
        assertThat(ClusterErrors.translate(http(404, "NotFound", "namespaces \"team\" not found"), ACTION)
                        .getMessage())
                .contains("not found (HTTP 404): namespaces \"team\" not found");
        ClusterException conflict =
                ClusterErrors.translate(http(409, "AlreadyExists", "jobs.batch \"hello\" already exists"), ACTION);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.getMessage()).contains("conflict (HTTP 409): jobs.batch \"hello\" already exists");
    }

    @Test
    void invalidListsTheServersFieldCauses() {
        Status status = new StatusBuilder()
                .withCode(422)
                .withReason("Invalid")
                .withMessage("Job.batch \"hello\" is invalid")
                .withNewDetails()
                .addNewCause()
                .withField("spec.template.spec.containers[0].image")
                .withMessage("Required value")
                .endCause()
                .addNewCause()
                .withField("spec.template.spec.restartPolicy")
                .withMessage("Unsupported value: \"Always\"")
                .endCause()
                .endDetails()
                .build();
        ClusterException e = ClusterErrors.translate(new KubernetesClientException("x", 422, status), ACTION);
        assertThat(e.getMessage())
                .contains("invalid (HTTP 422): Job.batch \"hello\" is invalid; "
                        + "spec.template.spec.containers[0].image: Required value, "
                        + "spec.template.spec.restartPolicy: Unsupported value: \"Always\"");
    }

    @Test
    void serverErrorsGiveTheStatusText() {
        ClusterException e = ClusterErrors.translate(http(503, "ServiceUnavailable", "etcd leader changed"), ACTION);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("the API server failed (HTTP 503 ServiceUnavailable): etcd leader changed");
    }

    @Test
    void connectionProblemsSayWhichServerAndWhyInWords() {
        assertThat(ClusterErrors.translate(ioFailure(new ConnectException("Connection refused")), ACTION))
                .satisfies(e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith(
                        "Could not create Job team/hello: could not reach https://10.0.0.1:6443: connection refused")
                .hasMessageNotContaining(TOKEN);
        assertThat(ClusterErrors.translate(ioFailure(new UnknownHostException("k8s.example.invalid")), ACTION))
                .hasMessageContaining("unknown host (k8s.example.invalid)");
        assertThat(ClusterErrors.translate(ioFailure(new SocketTimeoutException("Read timed out")), ACTION))
                .hasMessageContaining("timed out");
        SSLHandshakeException tls = new SSLHandshakeException("PKIX path building failed");
        tls.initCause(new CertificateException("unable to find valid certification path to requested target"));
        assertThat(ClusterErrors.translate(ioFailure(tls), ACTION))
                .hasMessageContaining("TLS certificate is not trusted")
                .hasMessageContaining("CA certificate");
        SSLHandshakeException name = new SSLHandshakeException("No subject alternative names matching IP 10.0.0.1");
        name.initCause(new CertificateException("No subject alternative names matching IP address 10.0.0.1 found"));
        assertThat(ClusterErrors.translate(ioFailure(name), ACTION)).hasMessageContaining("does not match its host");
    }

    @Test
    void throwableOverloadUnwrapsCauses() {
        ClusterException forbidden =
                ClusterErrors.translate((Throwable) new CompletionException(http(403, "Forbidden", "nope")), ACTION);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(ClusterErrors.translate(new CompletionException(new ConnectException("Connection refused")), ACTION))
                .hasMessage("Could not create Job team/hello: could not reach the Kubernetes API server: connection"
                        + " refused. Check the server URL and port, and that the API server is running.");
        ClusterException same = new ClusterException("x", 500, null);
        assertThat(ClusterErrors.translate((Throwable) same, ACTION)).isSameAs(same);
    }

    @Test
    void aRealRefusedConnectionIsReportedAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClusterConnection conn = new ClusterConnection(
                "http://127.0.0.1:" + port, null, false, null, new ClusterCredentials.BearerToken(TOKEN));
        try (KubernetesClient client = ClientFactory.client(conn)) {
            assertThatThrownBy(
                            () -> client.batch().v1().jobs().inNamespace("team").list())
                    .isInstanceOf(KubernetesClientException.class)
                    // Without the server, the message names what the HTTP stack's error says (Vert.x:
                    // host and port; the JDK stack: nothing), so the engine always passes the server.
                    .satisfies(t -> assertThat(ClusterErrors.translate(t, "list Jobs in team"))
                            .hasMessageStartingWith("Could not list Jobs in team: could not reach ")
                            .hasMessageContaining("connection refused")
                            .hasMessageNotContaining(TOKEN)
                            .satisfies(c -> assertThat(c.status()).isZero()))
                    .satisfies(t -> assertThat(ClusterErrors.translate(
                                    t,
                                    "list Jobs in team",
                                    client.getMasterUrl().toString()))
                            .hasMessageStartingWith("Could not list Jobs in team: could not reach http://127.0.0.1:"
                                    + port + ": connection refused"));
        }
    }

    @Test
    void aRealForbiddenAnswerCarriesTheServersMessage() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try {
            server.expect()
                    .get()
                    .withPath("/apis/batch/v1/namespaces/team/jobs")
                    .andReturn(
                            403,
                            new StatusBuilder()
                                    .withCode(403)
                                    .withReason("Forbidden")
                                    .withMessage("jobs.batch is forbidden: User \"bob\" cannot list resource \"jobs\"")
                                    .build())
                    .once();
            ClusterConnection conn = new ClusterConnection(
                    server.url("/"), null, false, null, new ClusterCredentials.BearerToken(TOKEN));
            try (KubernetesClient client = ClientFactory.client(conn)) {
                assertThatThrownBy(() ->
                                client.batch().v1().jobs().inNamespace("team").list())
                        .satisfies(t -> assertThat(ClusterErrors.translate(t, "list Jobs in team"))
                                .hasMessageContaining("forbidden (HTTP 403): jobs.batch is forbidden: User \"bob\"")
                                .hasMessageNotContaining(TOKEN));
            }
        } finally {
            server.destroy();
        }
    }
}
