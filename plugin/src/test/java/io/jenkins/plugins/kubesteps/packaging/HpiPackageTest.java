package io.jenkins.plugins.kubesteps.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the .hpi maven-hpi-plugin produced (path from the {@code hpi.file} system property; runs
 * after {@code package}) and checks what Jenkins needs to load it: the manifest, the bundled jars
 * (and the ones that must not be bundled), the fabric8 JDK HTTP client at exactly the fabric8
 * version kubernetes-client-api bundles, and the indexes and generated classes inside the plugin
 * jar. A plugin that fails any of these does not install, or installs without its steps.
 */
class HpiPackageTest {
    private static final String PLUGIN_JAR = "WEB-INF/lib/kubernetes-manifest-steps.jar";

    private static ZipFile hpi;
    private static ZipFile pluginJar;

    @BeforeAll
    static void open() throws IOException {
        String file = System.getProperty("hpi.file");
        assertThat(file)
                .as("hpi.file system property (set by the failsafe configuration)")
                .isNotBlank();
        hpi = new ZipFile(file);
        ZipEntry jarEntry = hpi.getEntry(PLUGIN_JAR);
        assertThat(jarEntry).as(PLUGIN_JAR + " in " + file).isNotNull();
        // ZipFile needs a file: copy the nested plugin jar out.
        Path copy = Files.createTempFile("kubernetes-manifest-steps", ".jar");
        copy.toFile().deleteOnExit();
        try (InputStream in = hpi.getInputStream(jarEntry)) {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        pluginJar = new ZipFile(copy.toFile());
    }

    @AfterAll
    static void close() throws IOException {
        if (pluginJar != null) {
            pluginJar.close();
        }
        if (hpi != null) {
            hpi.close();
        }
    }

    @Test
    void manifestCarriesWhatTheJenkinsPluginManagerReads() throws IOException {
        Attributes main = manifest().getMainAttributes();
        assertThat(main.getValue("Short-Name")).isEqualTo("kubernetes-manifest-steps");
        assertThat(main.getValue("Long-Name")).isEqualTo("Kubernetes Manifest Steps");
        // maven-hpi-plugin adds " (private-<date>-<user>)" to snapshot versions
        assertThat(main.getValue("Plugin-Version")).startsWith(System.getProperty("hpi.expectedVersion"));
        assertThat(main.getValue("Jenkins-Version")).isEqualTo("2.541.3");
        assertThat(main.getValue("Group-Id")).isEqualTo("io.jenkins.plugins.kubesteps");
        assertThat(main.getValue("Url")).startsWith("https://");
    }

    @Test
    void pluginDependenciesNameEveryApiPluginWithARealReleaseVersion() throws IOException {
        String deps = manifest().getMainAttributes().getValue("Plugin-Dependencies");
        assertThat(deps).as("Plugin-Dependencies").isNotBlank();
        List<String> ids = new ArrayList<>();
        for (String dep : deps.split(",")) {
            String[] idAndVersion = dep.split(":", 2);
            assertThat(idAndVersion).as("id:version in " + dep).hasSize(2);
            // Jenkins' version strings: numbers, dots and dashes, optionally a ".v<hash>" suffix; never a property.
            assertThat(idAndVersion[1]).as(dep).matches("[0-9][0-9A-Za-z._-]*").doesNotContain("${");
            ids.add(idAndVersion[0]);
        }
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "workflow-step-api",
                        "credentials",
                        "plain-credentials",
                        "structs",
                        "kubernetes-client-api",
                        "jackson2-api",
                        "snakeyaml-api");
        assertThat(deps).contains("kubernetes-client-api:7.");
    }

    @Test
    void bundlesOurJarsButNotWhatOtherPluginsOrCoreProvide() {
        List<String> libs = hpi.stream()
                .map(ZipEntry::getName)
                .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                .map(n -> n.substring("WEB-INF/lib/".length()))
                .toList();
        assertThat(libs).hasSize(2).contains("kubernetes-manifest-steps.jar");
        assertThat(libs).anyMatch(n -> n.startsWith("kubesteps-engine-"));
    }

    @Test
    void bundlesTheJdkHttpClientOfExactlyKubernetesClientApisFabric8WithoutItsServiceEntry() throws IOException {
        String deps = manifest().getMainAttributes().getValue("Plugin-Dependencies");
        String fabric8 = System.getProperty("fabric8.version");
        assertThat(deps)
                .as("kubernetes-client-api bundles fabric8 " + fabric8)
                .contains("kubernetes-client-api:" + fabric8 + "-");
        assertThat(pluginJar.getEntry("io/fabric8/kubernetes/client/jdkhttp/JdkHttpClientFactory.class"))
                .isNotNull();
        String properties = read(
                pluginJar,
                "META-INF/maven/io.fabric8/kubernetes-httpclient-jdk/pom.properties",
                StandardCharsets.UTF_8);
        assertThat(properties).contains("version=" + fabric8 + "\n");
        // Registered, it would switch other plugins' clients to our stack through Jenkins' uber class loader.
        assertThat(pluginJar.getEntry("META-INF/services/io.fabric8.kubernetes.client.http.HttpClient$Factory"))
                .isNull();
        // fabric8's API and model come from kubernetes-client-api, never from us
        assertThat(pluginJar.getEntry("io/fabric8/kubernetes/client/KubernetesClient.class"))
                .isNull();
    }

    @Test
    void extensionIndexListsTheExtensions() throws IOException {
        // sezpoz's index is binary (serialized entries); the class names appear in it as UTF strings.
        String index = read(pluginJar, "META-INF/annotations/hudson.Extension", StandardCharsets.ISO_8859_1);
        assertThat(index).contains("io.jenkins.plugins.kubesteps.RunK8sJobStep$DescriptorImpl");
        assertThat(index).contains("io.jenkins.plugins.kubesteps.RunK8sJobBuilder$DescriptorImpl");
    }

    @Test
    void symbolIndexListsTheSymbolClassesOnePerLine() throws IOException {
        List<String> lines = read(
                        pluginJar, "META-INF/services/annotations/org.jenkinsci.Symbol", StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines).contains("io.jenkins.plugins.kubesteps.RunK8sJobStep$DescriptorImpl");
        // the blocking, non-resumable freestyle builder is not offered to Pipeline beside the step
        assertThat(lines).noneMatch(l -> l.contains("RunK8sJobBuilder"));
        for (String line : lines) {
            assertThat(pluginJar.getEntry(line.replace('.', '/') + ".class"))
                    .as("class named in the @Symbol index: " + line)
                    .isNotNull();
        }
    }

    @Test
    void pluginJarHasIndexJellyAndTheGeneratedMessagesClass() {
        assertThat(pluginJar.getEntry("index.jelly"))
                .as("index.jelly at the jar root")
                .isNotNull();
        assertThat(pluginJar.getEntry("io/jenkins/plugins/kubesteps/Messages.class"))
                .isNotNull();
        assertThat(pluginJar.getEntry("io/jenkins/plugins/kubesteps/Messages.properties"))
                .isNotNull();
    }

    private static Manifest manifest() throws IOException {
        ZipEntry entry = hpi.getEntry("META-INF/MANIFEST.MF");
        assertThat(entry).as("META-INF/MANIFEST.MF").isNotNull();
        try (InputStream in = hpi.getInputStream(entry)) {
            return new Manifest(in);
        }
    }

    private static String read(ZipFile zip, String name, java.nio.charset.Charset charset) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertThat(entry).as(name + " in the plugin jar").isNotNull();
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), charset);
        }
    }
}
