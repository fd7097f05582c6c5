package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.job.ContainerFailure;
import io.jenkins.plugins.kubesteps.engine.job.Failure;
import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a pod prints can never pose as a console note: no ESC of it reaches the console, whether
 * as a log line, a warning, or the message the step fails with.
 */
class ConsoleTextTest {
    private static final String ESC = "\u001B";

    @ParameterizedTest
    @ValueSource(
            strings = {
                ESC + ESC + "[8mha:AAAA",
                ESC + "[8mha:AAAA",
                ESC + ESC + ESC + "[8mha:AAAA" + ESC + "[0m",
                "[8m" + ESC + "ha:AAAA",
                "text " + ESC + "[8m" + ESC + "[8mha:ha:AAAA",
                ESC + "[31mred" + ESC + "[0m",
                ESC
            })
    void noEscOfALogLineOrWarningReachesTheListener(String line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JenkinsConsole console = new JenkinsConsole(new StreamTaskListener(bytes, StandardCharsets.UTF_8));

        console.line(line);
        console.warning(line);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain(ESC).contains("\u241B");
        assertThat(out).contains(line.replace(ESC, "\u241B"));
    }

    @Test
    void theLinkNoteIsKeptWhileItsLabelIsCleaned() {
        BinaryOperator<String> before = JenkinsConsole.linkEncoder;
        JenkinsConsole.linkEncoder = (url, label) -> ESC + "[8mha:NOTE" + ESC + "[0m" + label + " " + url;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new JenkinsConsole(new StreamTaskListener(bytes, StandardCharsets.UTF_8))
                    .link("https://logs.example.com/" + ESC + "x", "logs " + ESC + "[8mha:AAAA");

            assertThat(bytes.toString(StandardCharsets.UTF_8))
                    .startsWith(ESC + "[8mha:NOTE" + ESC + "[0m")
                    .contains("logs \u241B[8mha:AAAA https://logs.example.com/\u241Bx");
        } finally {
            JenkinsConsole.linkEncoder = before;
        }
    }

    @Test
    void aFailureWhoseMessageQuotesAPodIsCleaned() {
        ContainerFailure container =
                new ContainerFailure("job-x-abc", "main", 1, "Error", "bye " + ESC + ESC + "[8mha:AAAA", List.of());
        JobResult result = new JobResult(
                JobStatus.FAILED,
                new JobRef("ci", "job-x", "uid"),
                Map.of(),
                null,
                new Failure("BackoffLimitExceeded", ESC + "[8mha:BBBB", List.of(container)),
                List.of());

        Throwable shown = ConsoleText.failure(new AbortException(JobOutcome.failureDetail(result)));

        assertThat(shown).isInstanceOf(AbortException.class);
        assertThat(shown.getMessage())
                .doesNotContain(ESC)
                .contains("\u241B\u241B[8mha:AAAA")
                .contains("\u241B[8mha:BBBB");
    }

    @Test
    void anEngineErrorBecomesACleanAbort() {
        Throwable shown = ConsoleText.failure(new EngineException("pod said " + ESC + "[8mha:AAAA"));
        assertThat(shown).isInstanceOf(AbortException.class).hasMessage("pod said \u241B[8mha:AAAA");
    }

    @Test
    void anyExceptionWhoseCauseCarriesEscIsReplacedByItsCleanedText() {
        Throwable shown = ConsoleText.failure(
                new IllegalStateException("outer", new IOException("server answered " + ESC + "[8mha:AAAA")));
        assertThat(shown).isInstanceOf(AbortException.class);
        assertThat(shown.getMessage()).doesNotContain(ESC).contains("outer");

        IOException suppressed = new IOException("plain");
        suppressed.addSuppressed(new IOException(ESC + "[8mha:AAAA"));
        assertThat(ConsoleText.failure(suppressed)).isNotSameAs(suppressed).isInstanceOf(AbortException.class);
    }

    @Test
    void aFailureWithoutEscIsKeptAsItIsWithItsTypeAndStackTrace() {
        IOException plain = new IOException("connection refused");
        AbortException abort = new AbortException("The manifest file k8s/x.yaml does not exist in the workspace.");
        assertThat(ConsoleText.failure(plain)).isSameAs(plain);
        assertThat(ConsoleText.failure(abort)).isSameAs(abort);
        assertThat(ConsoleText.clean(null)).isNull();
    }
}
