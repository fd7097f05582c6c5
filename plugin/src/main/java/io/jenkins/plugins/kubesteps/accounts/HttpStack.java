package io.jenkins.plugins.kubesteps.accounts;

import io.fabric8.kubernetes.client.Version;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.JdkHttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the HTTP stack of our clients. We bundle fabric8's JDK client because the OkHttp one
 * that kubernetes-client-api provides holds a thread per followed log stream; the engine runs it on
 * its shared threads and opens more connections when the API server's stream limit is reached
 * ({@link JdkHttpClients}). Its classes run on
 * top of the fabric8 classes of kubernetes-client-api (plugin class loaders are parent-first), so
 * they only work when both are the same fabric8 release; when an administrator upgrades
 * kubernetes-client-api past ours, we fall back to its own stack instead of failing every build
 * with a {@link LinkageError}.
 */
public final class HttpStack {
    private static final Logger LOGGER = Logger.getLogger(HttpStack.class.getName());
    private static final String BUNDLED_PROPERTIES =
            "META-INF/maven/io.fabric8/kubernetes-httpclient-jdk/pom.properties";

    /** Decided once per controller start. */
    private static volatile Choice chosen;

    private HttpStack() {}

    /** The factory to build clients with: ours, or kubernetes-client-api's OkHttp one when ours cannot run. */
    public static HttpClient.Factory factory() {
        Choice c = chosen;
        if (c == null) {
            synchronized (HttpStack.class) {
                if (chosen == null) {
                    chosen = new Choice(choose(Version.clientVersion(), bundledVersion()));
                }
                c = chosen;
            }
        }
        return c.factory;
    }

    /** The bundled stack when it was built for the fabric8 found at run time, else the provided one (with a warning). */
    static HttpClient.Factory choose(String fabric8Version, String bundledVersion) {
        if (fabric8Version != null && fabric8Version.equals(bundledVersion)) {
            return new JdkHttpClients();
        }
        LOGGER.log(
                Level.WARNING,
                "kubernetes-client-api provides fabric8 {0}, but this plugin bundles fabric8''s JDK HTTP client {1};"
                        + " using kubernetes-client-api''s own HTTP client instead (it holds a thread per followed"
                        + " log stream). Install the release of this plugin built for fabric8 {0}.",
                new Object[] {fabric8Version, bundledVersion});
        return new OkHttpClientFactory();
    }

    /** The version of the JDK client classes inside this plugin, from their Maven metadata. */
    static String bundledVersion() {
        try (InputStream in = HttpStack.class.getClassLoader().getResourceAsStream(BUNDLED_PROPERTIES)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    private record Choice(HttpClient.Factory factory) {}
}
