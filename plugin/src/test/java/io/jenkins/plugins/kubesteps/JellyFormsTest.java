package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What Jenkins only finds out when someone opens a form: a {@code field} the class cannot bind,
 * a field without help, a {@code Messages} key that is not in Messages.properties.
 */
class JellyFormsTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern FIELD = Pattern.compile("\\bfield=\"([^\"]+)\"");

    /** Where each form's fields are declared, and whose help folder documents them. */
    private static Path form(Class<?> type) {
        return RESOURCES.resolve(type.getName().replace('.', '/')).resolve("config.jelly");
    }

    /** Whether {@code help-FIELD.html} is beside the class or a superclass, where Jenkins looks for it. */
    private static boolean hasHelp(Class<?> type, String field) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            if (Files.exists(RESOURCES.resolve(k.getName().replace('.', '/')).resolve("help-" + field + ".html"))) {
                return true;
            }
        }
        return false;
    }

    /** The fields a form shows: its own, plus the shared cluster fields when it includes them. */
    private static Set<String> fields(Class<?> type) throws IOException {
        String jelly = Files.readString(form(type));
        Set<String> fields = new TreeSet<>(fieldsIn(jelly));
        for (String tag : List.of("clusterFields", "targetFields")) {
            if (jelly.contains("<k:" + tag + "/>")) {
                fields.addAll(fieldsIn(Files.readString(RESOURCES.resolve("lib/kubesteps/" + tag + ".jelly"))));
            }
        }
        return fields;
    }

    private static Set<String> fieldsIn(String jelly) {
        Set<String> fields = new TreeSet<>();
        Matcher m = FIELD.matcher(jelly);
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    /** What stapler can bind: @DataBoundConstructor parameters (compiled with -parameters) and setters. */
    private static Set<String> bindable(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    assertThat(p.isNamePresent())
                            .as("compiled with -parameters")
                            .isTrue();
                    names.add(p.getName());
                }
            }
        }
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                    String rest = m.getName().substring(3);
                    names.add(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(
            classes = {RunK8sJobStep.class, DeployManifestStep.class, KubernetesAccount.class, KubernetesAccounts.class
            })
    void everyFieldOfEveryFormBindsAndHasHelp(Class<?> type) throws IOException {
        Set<String> fields = fields(type);
        assertThat(fields).isNotEmpty();
        assertThat(bindable(type)).containsAll(fields);
        // (the builder's form is the step's, as one property: ConfigurationTest renders it)
        List<String> missingHelp =
                fields.stream().filter(f -> !hasHelp(type, f)).toList();
        assertThat(missingHelp)
                .as("fields of %s without help", type.getSimpleName())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                RunK8sJobStep.class,
                RunK8sJobBuilder.class,
                DeployManifestStep.class,
                DeployManifestBuilder.class,
                DisableServerGroupStep.class,
                DisableServerGroupBuilder.class,
                EnableServerGroupStep.class,
                EnableServerGroupBuilder.class,
                DeleteManifestStep.class,
                DeleteManifestBuilder.class,
                ScaleManifestStep.class,
                ScaleManifestBuilder.class,
                UndoRolloutManifestStep.class,
                UndoRolloutManifestBuilder.class,
                PatchManifestStep.class,
                PatchManifestBuilder.class,
                KubernetesAccount.class
            })
    void everySettableParameterIsOnTheForm(Class<?> type) throws IOException {
        // A parameter Pipeline users can set but freestyle users cannot see would be a silent gap.
        assertThat(fields(type)).containsAll(bindable(type));
    }

    @Test
    void everyMessagesKeyUsedInTheCodeExists() throws IOException {
        Properties messages = new Properties();
        try (InputStream in =
                Files.newInputStream(RESOURCES.resolve("io/jenkins/plugins/kubesteps/Messages.properties"))) {
            messages.load(in);
        }
        Set<String> methods = new TreeSet<>();
        messages.stringPropertyNames().forEach(k -> methods.add(k.replace('.', '_')));
        Pattern call = Pattern.compile("\\bMessages\\.([A-Za-z0-9_]+)\\(");
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!methods.contains(m.group(1))) {
                        unknown.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }
}
