package io.jenkins.plugins.kubesteps.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Version;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.JdkHttpClients;
import org.junit.jupiter.api.Test;

/**
 * Our bundled JDK HTTP client runs on kubernetes-client-api's fabric8 classes; with another
 * fabric8 release it fails every client build (NoSuchFieldError), so we fall back to the provided
 * stack. JenkinsRule tests with -Dfabric8.version=7.8.0 show both sides end to end.
 */
class HttpStackTest {
    @Test
    void theBundledClientIsUsedWithTheFabric8ItWasBuiltFor() {
        assertThat(HttpStack.bundledVersion()).isEqualTo(System.getProperty("fabric8.version"));
        assertThat(HttpStack.bundledVersion()).isEqualTo(Version.clientVersion());
        assertThat(HttpStack.choose("7.3.1", "7.3.1")).isInstanceOf(JdkHttpClients.class);
        assertThat(HttpStack.factory()).isInstanceOf(JdkHttpClients.class);
    }

    @Test
    void anotherFabric8FallsBackToTheProvidedStack() {
        assertThat(HttpStack.choose("7.4.0", "7.3.1")).isInstanceOf(OkHttpClientFactory.class);
        assertThat(HttpStack.choose("7.3.1", null)).isInstanceOf(OkHttpClientFactory.class);
    }
}
