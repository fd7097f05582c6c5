package io.jenkins.plugins.kubesteps.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whatever text a user hands the manifest loader, the answer is a Job ready to create or an
 * {@link InvalidInputException} that says what is wrong: never another exception (which a user
 * sees as a stack trace, and Jenkins as a broken step). Fixed seed, so a failure reproduces; a
 * time budget, so a busy machine only runs fewer cases.
 */
class JobManifestFuzzTest {
    private static final long SEED = 20261129L;
    private static final Duration BUDGET = Duration.ofSeconds(8);
    private static final int MIN_CASES = 120;

    private static final String VALID =
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: fuzz-
              namespace: ci
              labels: {team: a, tier: "1"}
              annotations:
                job.spinnaker.io/logs: "https://logs.example.com/{{ metadata.name }}"
            spec:
              backoffLimit: 2
              activeDeadlineSeconds: 600
              ttlSecondsAfterFinished: 60
              template:
                metadata:
                  labels: &labels {app: fuzz}
                spec:
                  restartPolicy: Never
                  initContainers:
                  - name: init
                    image: busybox
                    command: ["sh", "-c", "echo init"]
                  containers:
                  - name: main
                    image: busybox:1.36
                    env: &env
                    - {name: A, value: "x=y"}
                    - name: B
                      valueFrom: {fieldRef: {fieldPath: metadata.name}}
                    command: [sh, -c]
                    args:
                    - |
                      echo SPINNAKER_PROPERTY_X=1
                    resources: {limits: {cpu: 100m, memory: 64Mi}}
                  - name: side
                    image: busybox
                    env: *env
            """;

    private static final String[] TOKENS = {
        "&a ",
        "*a",
        "*env",
        "*labels",
        "!!str ",
        "!!binary ",
        "!custom ",
        "{",
        "}",
        "[",
        "]",
        ": ",
        "- ",
        "? ",
        "\t",
        "\"",
        "'",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "<<: *env\n",
        "<<: *labels\n",
        "#",
        "|",
        ">",
        "\n",
        "\u0000",
        "\uFEFF",
        "\uD800",
        "null",
        "~",
        "0x1F",
        "1e400",
        "-.inf",
        "true",
        "2026-11-29",
        "\\u0041",
        "kind: Job\n",
        "apiVersion: batch/v1\n",
        "containers: []\n",
        "restartPolicy: OnFailure\n",
        "name: \n",
    };

    @Test
    void everyInputEndsInAJobOrAnInvalidInputException() {
        Random random = new Random(SEED);
        List<Function<Random, String>> generators = List.of(
                JobManifestFuzzTest::mutatedJob,
                JobManifestFuzzTest::randomBytes,
                JobManifestFuzzTest::deepNesting,
                JobManifestFuzzTest::longScalars);
        long end = System.nanoTime() + BUDGET.toNanos();
        int cases = 0;
        int jobs = 0;
        List<String> escaped = new ArrayList<>();
        while (cases < MIN_CASES || System.nanoTime() < end) {
            String input = generators.get(cases % generators.size()).apply(random);
            cases++;
            try {
                if (load(input) != null) {
                    jobs++;
                }
            } catch (InvalidInputException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz.yaml");
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                escaped.add(e + "\n--- input (" + input.length() + " chars):\n" + abbreviate(input));
                if (escaped.size() >= 5) {
                    break;
                }
            }
        }
        System.out.printf("%d cases, %d valid Jobs%n", cases, jobs);
        assertThat(escaped)
                .as("inputs that ended in another exception, of %d cases", cases)
                .isEmpty();
        // the mutations must also produce valid Jobs, or the test only exercises error paths
        assertThat(jobs).as("valid Jobs among %d cases", cases).isPositive();
    }

    private static Job load(String text) {
        Job job = JobManifest.load(text, "fuzz.yaml");
        return JobManifest.prepare(
                job,
                JobRequest.builder().manifest(text, "fuzz.yaml").label("a", "b").build(),
                "default");
    }

    /** 1 to 8 edits of a valid Job: insert a token, delete a span, duplicate or swap lines. */
    private static String mutatedJob(Random random) {
        StringBuilder text = new StringBuilder(VALID);
        int edits = 1 + random.nextInt(random.nextInt(4) == 0 ? 8 : 2);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(12)));
                case 2 -> {
                    int lineStart = text.lastIndexOf("\n", at) + 1;
                    int lineEnd = text.indexOf("\n", at);
                    String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1);
                    text.insert(lineStart, line);
                }
                default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString();
    }

    /** Random bytes, through the same UTF-8 reading a file or stdin goes through. */
    private static String randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            // mostly printable, so decoding succeeds and the YAML parser gets to see it
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (bytes[i] < 0 ? '\n' : 32 + (bytes[i] % 95));
            }
        }
        try {
            return TextInput.decode(bytes, "fuzz.yaml");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.yaml: not UTF-8 text (byte offset ");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String deepNesting(Random random) {
        int depth = 50 + random.nextInt(5000);
        return switch (random.nextInt(4)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{a: ".repeat(depth) + "1" + "}".repeat(depth);
            case 2 -> {
                StringBuilder b = new StringBuilder("apiVersion: batch/v1\nkind: Job\nspec:\n");
                for (int i = 0; i < Math.min(depth, 400); i++) {
                    b.append(" ".repeat(i + 1)).append("k").append(i).append(":\n");
                }
                yield b.toString();
            }
            default -> VALID.replace("backoffLimit: 2", "backoffLimit: " + "[".repeat(depth) + "]".repeat(depth));
        };
    }

    private static String longScalars(Random random) {
        // mostly up to 64 Ki characters; now and then megabytes, near the 3 MiB limit
        int length = 1 + random.nextInt(random.nextInt(20) == 0 ? 3_200_000 : 65_536);
        String scalar = "x".repeat(length);
        return switch (random.nextInt(4)) {
            case 0 -> VALID.replace("image: busybox:1.36", "image: " + scalar);
            case 1 -> VALID.replace("name: main", "name: " + scalar);
            case 2 -> VALID.replace("generateName: fuzz-", "generateName: \"" + scalar + "\"");
            default -> VALID.replace("team: a", scalar + ": a");
        };
    }

    private static String abbreviate(String input) {
        return input.length() <= 2000 ? input : input.substring(0, 2000) + "…";
    }
}
