package io.jenkins.plugins.kubesteps.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.KubeTestSupport;
import io.jenkins.plugins.kubesteps.testcluster.TestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path of the built .hpi as Jenkins assembles it: a parent-first class loader holding
 * exactly the jars our dependency plugins bundle (fabric8 from kubernetes-client-api, Jackson,
 * SnakeYAML, OkHttp) and, below it, the .hpi's own WEB-INF/lib. Through it the engine builds a
 * client on the bundled JDK HTTP stack and runs a Job on the local cluster. A bundled fabric8
 * class of another release than kubernetes-client-api's fails here with a LinkageError (as the
 * first build of this plugin did with NoSuchFieldError: tlsServerName).
 */
class RuntimeClassPathTest {
    /** The plugins whose libraries our code uses at run time, and core's logging API. */
    private static final List<String> PROVIDERS =
            List.of("kubernetes-client-api", "jackson2-api", "jackson-annotations2-api", "snakeyaml-api", "okhttp-api");

    @Test
    void theBuiltPluginRunsAJobOnTheLibrariesItsDependencyPluginsProvide(@TempDir Path tmp) throws Exception {
        List<URL> provided = new ArrayList<>();
        Path plugins = Path.of(System.getProperty("test.dependencies", "target/test-classes/test-dependencies"));
        for (String plugin : PROVIDERS) {
            provided.addAll(libraries(plugins.resolve(plugin + ".hpi"), tmp.resolve(plugin)));
        }
        provided.add(
                org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation());
        List<URL> ours = libraries(Path.of(System.getProperty("hpi.file")), tmp.resolve("ours"));

        try (URLClassLoader parent =
                        new URLClassLoader(provided.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
                URLClassLoader plugin = new URLClassLoader(ours.toArray(URL[]::new), parent)) {
            assertThat(plugin.loadClass("io.fabric8.kubernetes.client.KubernetesClient")
                            .getClassLoader())
                    .as("fabric8's API comes from kubernetes-client-api, parent first")
                    .isSameAs(parent);
            // fabric8 looks resource types up through the context class loader; in Jenkins that
            // is the uber class loader, which sees what the plugin sees
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(plugin);
            try {
                Object status =
                        runJob(plugin, Files.readString(TestCluster.shared().adminKubeconfig()));
                assertThat(status).hasToString("SUCCEEDED");
            } finally {
                thread.setContextClassLoader(context);
            }
        }
    }

    /** ClientFactory → JobRunner.start → result, all through the plugin's class loader. */
    private static Object runJob(ClassLoader loader, String kubeconfig) throws Exception {
        Class<?> credentials = loader.loadClass("io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials");
        Class<?> kubeconfigCredentials =
                loader.loadClass("io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials$Kubeconfig");
        Object creds = kubeconfigCredentials
                .getConstructor(String.class, String.class, boolean.class)
                .newInstance(kubeconfig, null, false);
        Class<?> connectionType = loader.loadClass("io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection");
        Object connection = connectionType
                .getConstructor(String.class, String.class, boolean.class, String.class, credentials)
                .newInstance(null, null, false, "default", creds);
        Class<?> factoryType = loader.loadClass("io.fabric8.kubernetes.client.http.HttpClient$Factory");
        Object jdk = loader.loadClass("io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory")
                .getConstructor()
                .newInstance();
        Object client = loader.loadClass("io.jenkins.plugins.kubesteps.engine.connect.ClientFactory")
                .getMethod("client", connectionType, factoryType)
                .invoke(null, connection, jdk);
        try {
            Object builder = loader.loadClass("io.jenkins.plugins.kubesteps.engine.job.JobRequest")
                    .getMethod("builder")
                    .invoke(null);
            builder = invoke(
                    builder,
                    "manifest",
                    KubeTestSupport.job("classpath", "echo from the plugin class path"),
                    "classpath-test.yaml");
            Object request = invoke(builder, "build");
            Class<?> consoleType = loader.loadClass("io.jenkins.plugins.kubesteps.engine.Console");
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Object console = Proxy.newProxyInstance(loader, new Class<?>[] {consoleType}, (p, m, args) -> {
                if (args != null && args.length > 0) {
                    lines.add(String.valueOf(args[0]));
                }
                return null;
            });
            Object runner = loader.loadClass("io.jenkins.plugins.kubesteps.engine.job.JobRunner")
                    .getConstructor(loader.loadClass("io.fabric8.kubernetes.client.KubernetesClient"))
                    .newInstance(client);
            Object running = runner.getClass()
                    .getMethod("start", request.getClass(), consoleType)
                    .invoke(runner, request, console);
            Object result = ((CompletableFuture<?>) invoke(running, "result")).get(3, TimeUnit.MINUTES);
            assertThat(lines).anyMatch(l -> l.contains("from the plugin class path"));
            return invoke(result, "status");
        } finally {
            ((AutoCloseable) client).close();
        }
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    /** The WEB-INF/lib jars of an .hpi, copied out so a class loader can open them. */
    private static List<URL> libraries(Path hpi, Path into) throws IOException {
        assertThat(hpi).exists();
        Files.createDirectories(into);
        List<URL> urls = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                    Path jar = into.resolve(e.getName().substring("WEB-INF/lib/".length()));
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                    }
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        assertThat(urls).as("libraries of " + hpi).isNotEmpty();
        return urls;
    }
}
