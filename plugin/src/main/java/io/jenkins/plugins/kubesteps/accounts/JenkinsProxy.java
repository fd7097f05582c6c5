package io.jenkins.plugins.kubesteps.accounts;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/**
 * Applies the proxy of Manage Jenkins → System → HTTP Proxy to a client, as other Jenkins
 * clients of remote servers do: the engine never reads the JVM's proxy environment, so without
 * this a controller that reaches its clusters only through a proxy could not reach them at all.
 */
final class JenkinsProxy {
    private JenkinsProxy() {}

    static void apply(Config config) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return;
        }
        String host = host(config.getMasterUrl());
        if (host == null || bypasses(proxy, host)) {
            return;
        }
        String url = "http://" + proxy.getName().strip() + ":" + proxy.getPort();
        config.setHttpProxy(url);
        config.setHttpsProxy(url);
        config.setNoProxy(new String[0]);
        String user = proxy.getUserName();
        if (user != null && !user.isBlank()) {
            config.setProxyUsername(user);
            config.setProxyPassword(Secret.toString(proxy.getSecretPassword()));
        }
    }

    /** Whether the administrator listed {@code host} among the hosts reached without the proxy. */
    static boolean bypasses(ProxyConfiguration proxy, String host) {
        for (Pattern p : proxy.getNoProxyHostPatterns()) {
            if (p.matcher(host).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String host(String url) {
        try {
            return url == null ? null : URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
