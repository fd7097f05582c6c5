package io.jenkins.plugins.kubesteps.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Clients go through the proxy of Manage Jenkins → System, except to the hosts it exempts. */
@WithJenkins
class JenkinsProxyTest {
    @Test
    void clientsUseJenkinsProxyExceptForNoProxyHosts(JenkinsRule r) {
        ProxyConfiguration proxy =
                new ProxyConfiguration("proxy.example.com", 3128, "proxy-user", "proxy-pw", "*.internal\n10.0.0.1");
        r.jenkins.setProxy(proxy);

        Config outside = config("https://k8s.example.com:6443");
        JenkinsProxy.apply(outside);
        assertThat(outside.getHttpsProxy()).isEqualTo("http://proxy.example.com:3128");
        assertThat(outside.getProxyUsername()).isEqualTo("proxy-user");
        assertThat(outside.getProxyPassword()).isEqualTo("proxy-pw");

        Config inside = config("https://k8s.internal:6443");
        JenkinsProxy.apply(inside);
        assertThat(inside.getHttpsProxy()).isNull();
    }

    @Test
    void withoutAProxyNothingChanges(JenkinsRule r) {
        Config config = config("https://k8s.example.com:6443");
        JenkinsProxy.apply(config);
        assertThat(config.getHttpsProxy()).isNull();
    }

    private static Config config(String server) {
        return ClientFactory.config(
                new ClusterConnection(server, null, false, "default", new ClusterCredentials.BearerToken("t")));
    }
}
