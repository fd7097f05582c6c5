package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The packaged CLI run as a user runs it: {@code java -jar kubesteps.jar ...} as a separate
 * process whose stdout and stderr go to files (it never blocks on a full pipe), judged by its exit
 * code and output.
 */
final class CliProcess {
    static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private CliProcess() {}

    /** Starts {@code java [jvmOptions] -jar kubesteps.jar args}, without $KUBECONFIG, stdin from {@code stdin}. */
    static Run start(Path work, List<String> jvmOptions, Path stdin, String... args) throws IOException {
        String jar = System.getProperty("kubesteps.cli.jar", "target/kubesteps.jar");
        assertThat(Paths.get(jar)).as("the packaged CLI (mvn -pl cli package)").isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(
                        ProcessBuilder.Redirect.from(stdin == null ? new java.io.File("/dev/null") : stdin.toFile()));
        pb.environment().remove("KUBECONFIG");
        return new Run(pb.start(), out, err);
    }

    static Run start(Path work, String... args) throws IOException {
        return start(work, List.of(), null, args);
    }

    /** A running CLI process. */
    record Run(Process process, Path out, Path err) {
        int waitFor() throws InterruptedException {
            return waitFor(RUN_LIMIT);
        }

        int waitFor(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the CLI did not exit within " + limit + "\n" + describe());
            }
            return process.exitValue();
        }

        boolean alive() {
            return process.isAlive();
        }

        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor()).isZero();
        }

        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        /** Lines of stdout that match, read as a stream: stdout may be hundreds of megabytes. */
        long countStdoutLines(Predicate<String> matching) throws IOException {
            try (BufferedReader reader = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
                return reader.lines().filter(matching).count();
            }
        }

        String describe() {
            return "stdout:\n" + tail(stdout()) + "\nstderr:\n" + tail(stderr());
        }

        private static String tail(String text) {
            return text.length() <= 20_000 ? text : "…" + text.substring(text.length() - 20_000);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")";
            }
        }
    }

    static void waitFor(String what, BooleanSupplier stillWorthIt, BooleanSupplier condition) {
        waitFor(what, RUN_LIMIT, stillWorthIt, condition);
    }

    static void waitFor(String what, Duration limit, BooleanSupplier stillWorthIt, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || !stillWorthIt.getAsBoolean()) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A Job manifest file whose one container runs {@code script} with {@code sh -c}. */
    static Path manifest(Path work, String generateName, String script) {
        Path file = work.resolve(generateName + "job.yaml");
        try {
            Files.writeString(
                    file,
                    """
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      generateName: %s
                    spec:
                      backoffLimit: 0
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: main
                            image: busybox
                            command: ["sh", "-c", "%s"]
                    """
                            .formatted(generateName, script));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
