package io.jenkins.plugins.kubesteps.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With restartPolicy OnFailure the container restarts in the same pod; when the Job controller
 * gives up (BackoffLimitExceeded) it deletes that pod, and the kill of the attempt then running
 * (143, 137) must not hide the exit code that made the Job fail.
 */
class FailureReportTest {

    private static final JobRef JOB = new JobRef("ns", "migrate", "uid-1");

    @Test
    void controllerKillOfTheLastAttemptShowsTheRealFailure() {
        Pod pod = pod(true, terminated(143, "Error", null), terminated(4, "Error", "schema mismatch"), 2);

        List<ContainerFailure> failures = FailureReport.containers(List.of(pod), FailureReportTest::lastLines);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.exitCode()).isEqualTo(4);
            assertThat(f.reason()).isEqualTo("Error, restarted 2 times");
            assertThat(f.message()).isEqualTo("schema mismatch");
            assertThat(f.lastLines()).containsExactly("migrate-abc/main: last line");
        });
        assertThat(printed(failures))
                .contains("  pod migrate-abc, container main: exit code 4 (Error, restarted 2 times)")
                .contains("    message: schema mismatch")
                .doesNotContain("143");
    }

    @Test
    void aSigkilledAttemptOfADeletedPodAlsoDefersToTheRunBefore() {
        Pod pod = pod(true, terminated(137, "ContainerStatusUnknown", null), terminated(4, "Error", null), 1);

        assertThat(FailureReport.containers(List.of(pod), FailureReportTest::lastLines))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.exitCode()).isEqualTo(4);
                    assertThat(f.reason()).isEqualTo("Error, restarted 1 time");
                });
    }

    @Test
    void anAttemptStillRunningWhenThePodIsDeletedDefersToTheRunBefore() {
        ContainerState running =
                new ContainerStateBuilder().withNewRunning().endRunning().build();
        Pod pod = pod(true, running, terminated(4, "Error", null), 3);

        assertThat(FailureReport.containers(List.of(pod), FailureReportTest::lastLines))
                .singleElement()
                .satisfies(f -> assertThat(f.exitCode()).isEqualTo(4));
    }

    @Test
    void aKillWithoutDeletionIsTheFailureItself() {
        // 143 in a pod nobody deleted: the process got SIGTERM from somewhere else; report it
        Pod pod = pod(false, terminated(143, "Error", null), terminated(4, "Error", null), 1);

        assertThat(FailureReport.containers(List.of(pod), FailureReportTest::lastLines))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.exitCode()).isEqualTo(143);
                    assertThat(f.reason()).isEqualTo("Error");
                });
    }

    @Test
    void anOomKillInADeletedPodIsNotMistakenForTheDeletion() {
        Pod pod = pod(true, terminated(137, "OOMKilled", null), terminated(4, "Error", null), 1);

        assertThat(FailureReport.containers(List.of(pod), FailureReportTest::lastLines))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.exitCode()).isEqualTo(137);
                    assertThat(f.reason()).isEqualTo("OOMKilled");
                });
    }

    @Test
    void aContainerWaitingToRestartShowsItsLastRunAndTheRestarts() {
        ContainerState backOff = new ContainerStateBuilder()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .build();
        Pod pod = pod(false, backOff, terminated(4, "Error", null), 3);

        assertThat(FailureReport.containers(List.of(pod), FailureReportTest::lastLines))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.exitCode()).isEqualTo(4);
                    assertThat(f.reason()).isEqualTo("Error, restarted 3 times");
                });
    }

    @Test
    void aDeletedPodWhoseEarlierRunsSucceededReportsNothing() {
        // killed while running its first attempt: no failed run to report, and the kill is ours
        Pod pod = pod(true, terminated(143, "Error", null), null, 0);
        ContainerState running =
                new ContainerStateBuilder().withNewRunning().endRunning().build();
        Pod stillRunning = pod(true, running, null, 0);

        assertThat(FailureReport.containers(List.of(stillRunning), FailureReportTest::lastLines))
                .isEmpty();
        // without an earlier failure the 143 stays what it is
        assertThat(FailureReport.containers(List.of(pod), FailureReportTest::lastLines))
                .singleElement()
                .satisfies(f -> assertThat(f.exitCode()).isEqualTo(143));
    }

    private static Pod pod(boolean deleted, ContainerState state, ContainerState lastState, int restarts) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("migrate-abc")
                .withNamespace("ns")
                .withCreationTimestamp("2026-11-22T03:00:00Z")
                .withDeletionTimestamp(deleted ? "2026-11-22T03:05:00Z" : null)
                .endMetadata()
                .withNewStatus()
                .withPhase(deleted ? "Failed" : "Running")
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName("main")
                        .withState(state)
                        .withLastState(lastState == null ? new ContainerState() : lastState)
                        .withRestartCount(restarts)
                        .build())
                .endStatus()
                .build();
    }

    private static ContainerState terminated(int exitCode, String reason, String message) {
        return new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withMessage(message)
                .endTerminated()
                .build();
    }

    private static List<String> lastLines(String pod, String container) {
        return List.of(pod + "/" + container + ": last line");
    }

    private static String printed(List<ContainerFailure> failures) {
        RecordingConsole console = new RecordingConsole();
        FailureReport.print(
                console, JOB, JobStatus.FAILED, new Failure("BackoffLimitExceeded", "backoff limit", failures));
        return console.text();
    }
}
