package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;

/**
 * fabric8's JDK HTTP stack on the engine's shared HTTP threads ({@link ClientThreads}) instead of a
 * cached pool per client, able to open more connections for log streams ({@link
 * StreamConnections}). The JDK stack reads a followed log without holding a thread while the
 * container is quiet; the engine's log streams rely on that.
 */
public final class JdkHttpClients extends JdkHttpClientFactory {
    @Override
    public HttpClient.Builder newBuilder(Config config) {
        HttpClient.Builder builder = newBuilder();
        HttpClientUtils.applyCommonConfiguration(config, builder, this);
        if (builder instanceof StandardHttpClientBuilder<?, ?, ?> standard) {
            // a copy without a client builds a new JDK client (a connection of its own) with everything
            // the host added after this (interceptors, proxy), each time it is built
            builder.tag(new StreamConnections(() -> standard.copy(null).build()));
        }
        return builder;
    }

    @Override
    protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
        // not fabric8's closable executor: closing one client must not stop the threads of the others
        return java.net.http.HttpClient.newBuilder().executor(ClientThreads.HTTP);
    }
}
