package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet endpoint over real TLS. Keys come from openssl in the three formats it writes:
 * PKCS#8 (the CA, req -newkey), PKCS#1 RSA (the kubelet, genrsa -traditional) and SEC1 EC (the
 * client).
 */
class KubeletServerTest {

    @TempDir
    static Path pki;

    @TempDir
    Path logs;

    private final AtomicReference<ContainerLog> served = new AtomicReference<>();
    private final AtomicReference<String> asked = new AtomicReference<>();
    private KubeletServer server;

    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make certificates");
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-days",
                "1",
                "-subj",
                "/CN=test-ca");
        openssl("genrsa", "-traditional", "-out", "kubelet.key", "2048");
        openssl("req", "-new", "-key", "kubelet.key", "-out", "kubelet.csr", "-subj", "/CN=kubesteps-node");
        openssl(
                "x509",
                "-req",
                "-in",
                "kubelet.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "kubelet.crt",
                "-days",
                "1",
                "-extfile",
                "san.ext");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client.key");
        openssl("req", "-new", "-key", "client.key", "-out", "client.csr", "-subj", "/CN=apiserver-kubelet-client");
        openssl(
                "x509",
                "-req",
                "-in",
                "client.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "client.crt",
                "-days",
                "1");
        assertThat(Files.readString(pki.resolve("kubelet.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(pki.resolve("client.key"))).contains("BEGIN EC PRIVATE KEY");
        assertThat(Files.readString(pki.resolve("ca.key"))).contains("BEGIN PRIVATE KEY");
    }

    private static void openssl(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Stream.concat(Stream.of("openssl"), Stream.of(args)).toList())
                .directory(pki.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        assertThat(builder.start().waitFor()).isZero();
    }

    @BeforeEach
    void startServer() throws Exception {
        SSLContext tls = PemMaterial.serverContext(
                pki.resolve("kubelet.crt"), pki.resolve("kubelet.key"), pki.resolve("ca.crt"));
        server = new KubeletServer(
                new InetSocketAddress("127.0.0.1", 0),
                tls,
                (ns, pod, container, previous) -> {
                    asked.set(ns + "/" + pod + "/" + container + " previous=" + previous);
                    if (container.equals("waiting")) {
                        throw new KubeletServer.LogUnavailable(400, "container \"waiting\" is waiting to start: X");
                    }
                    return served.get();
                },
                Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private HttpClient client() throws Exception {
        SSLContext tls =
                PemMaterial.serverContext(pki.resolve("client.crt"), pki.resolve("client.key"), pki.resolve("ca.crt"));
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void answersHealthzToTrustedClients() throws Exception {
        HttpResponse<String> response =
                client().send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void refusesClientsWithoutACertificate() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory trust =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(
                "ca",
                PemMaterial.certificates(Files.readString(pki.resolve("ca.crt")))
                        .get(0));
        trust.init(store);
        trustOnly.init(null, trust.getTrustManagers(), null);
        HttpClient anonymous = HttpClient.newBuilder().sslContext(trustOnly).build();

        assertThatThrownBy(() -> anonymous.send(
                        HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void followStreamsLinesAsTheyAreWrittenAndEndsWithTheContainer() throws Exception {
        ContainerLog log = new ContainerLog(logs.resolve("0.log"), Clock.systemUTC());
        served.set(log);
        append(log, "first");

        HttpResponse<Stream<String>> response = client().send(
                        HttpRequest.newBuilder(uri("/containerLogs/ns/pod-1/main?follow=true&timestamps=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = response.body().iterator();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines.next()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z first");
        // the first line arrived while the container is still running; more follows
        append(log, "second");
        assertThat(lines.next()).endsWith(" second");
        log.finish();
        assertThat(lines.hasNext()).isFalse();
        assertThat(asked.get()).isEqualTo("ns/pod-1/main previous=false");
    }

    @Test
    void refusalsCarryTheKubeletsStatusAndMessage() throws Exception {
        HttpResponse<String> response = client().send(
                        HttpRequest.newBuilder(uri("/containerLogs/ns/pod-1/waiting?previous=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("is waiting to start");
        assertThat(asked.get()).isEqualTo("ns/pod-1/waiting previous=true");
    }

    @Test
    void plainReadsReturnWhatIsThereWithoutWaiting() throws Exception {
        ContainerLog log = new ContainerLog(logs.resolve("0.log"), Clock.systemUTC());
        served.set(log);
        append(log, "a");
        append(log, "b");

        HttpResponse<String> response = client().sendAsync(
                        HttpRequest.newBuilder(uri("/containerLogs/ns/p/c?tailLines=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .get(10, TimeUnit.SECONDS);

        assertThat(response.body()).isEqualTo("b\n");
    }

    private static void append(ContainerLog log, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        log.append("stdout", bytes, 0, bytes.length, false);
    }
}
