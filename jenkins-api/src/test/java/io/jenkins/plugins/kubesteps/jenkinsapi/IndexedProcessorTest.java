package io.jenkins.plugins.kubesteps.jenkinsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small plugin-like sources with javac and our processor, and reads the index Jenkins' structs
 * plugin would read: without it, {@code @Symbol} names (step names, JCasC keys) do not resolve.
 */
class IndexedProcessorTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryClassAnnotatedWithSymbolOnePerLine() throws IOException {
        Path out = compile(
                "p/Step.java",
                """
                package p;
                import org.jenkinsci.Symbol;
                public class Step {
                    @Symbol("runThing") public static class DescriptorImpl {}
                }
                """,
                "p/Config.java",
                """
                package p;
                @org.jenkinsci.Symbol({"cfg", "config"}) public class Config {}
                """,
                "p/Plain.java",
                """
                package p;
                @Deprecated public class Plain {}
                """);
        Path index = out.resolve("META-INF/services/annotations/org.jenkinsci.Symbol");
        assertThat(Files.readAllLines(index, StandardCharsets.UTF_8))
                .containsExactly("p.Config", "p.Step$DescriptorImpl");
    }

    @Test
    void writesNothingWhenNoIndexedAnnotationIsUsed() throws IOException {
        Path out = compile("p/Plain.java", "package p; @Deprecated public class Plain {}");
        assertThat(out.resolve("META-INF/services/annotations")).doesNotExist();
    }

    /** Compiles name/source pairs with only our processor; returns the class output folder. */
    private Path compile(String... namesAndSources) throws IOException {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        for (int i = 0; i < namesAndSources.length; i += 2) {
            Path file = src.resolve(namesAndSources[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, namesAndSources[i + 1]);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units;
            try (var paths = Files.walk(src)) {
                units = files.getJavaFileObjectsFromPaths(
                        paths.filter(p -> p.toString().endsWith(".java")).toList());
            }
            List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"));
            JavaCompiler.CompilationTask task = javac.getTask(diagnostics, files, null, options, null, units);
            task.setProcessors(List.of(new IndexedProcessor()));
            assertThat(task.call()).as("javac: " + diagnostics).isTrue();
        }
        return out;
    }
}
