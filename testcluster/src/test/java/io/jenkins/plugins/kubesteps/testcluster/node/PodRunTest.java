package io.jenkins.plugins.kubesteps.testcluster.node;

import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.container;
import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.logText;
import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.pod;
import static io.jenkins.plugins.kubesteps.testcluster.node.PodFixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodRunTest {

    @TempDir
    Path workDir;

    private PodFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PodFixtures(workDir);
    }

    @AfterEach
    void tearDown() {
        fixtures.executor.shutdownNow();
    }

    @Test
    void successfulContainerCompletesThePodAndKeepsItsOutput() throws Exception {
        PodRun run = fixtures.start(
                pod("Never", sh("main", "echo hello; echo oops >&2")).build());

        PodStatus status = fixtures.awaitPhase("Succeeded");

        ContainerStateTerminated terminated =
                container(status, "main").getState().getTerminated();
        assertThat(terminated.getExitCode()).isZero();
        assertThat(terminated.getReason()).isEqualTo("Completed");
        assertThat(terminated.getStartedAt()).isNotNull();
        assertThat(terminated.getFinishedAt()).isNotNull();
        assertThat(terminated.getContainerID()).startsWith("simnode://");
        // an address EndpointSlices accept (not loopback), the same in every update
        assertThat(status.getPodIP()).startsWith("10.").isEqualTo(PodStatuses.podIp(run.pod()));
        assertThat(status.getHostIP()).isEqualTo("127.0.0.1");
        assertThat(status.getConditions())
                .filteredOn(c -> c.getType().equals("Ready"))
                .extracting(PodCondition::getStatus, PodCondition::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("False", "PodCompleted"));
        assertThat(logText(run, "main", false)).contains("hello\n").contains("oops\n");
        // a pod passes through Pending and Running on its way
        assertThat(fixtures.statuses).extracting(PodStatus::getPhase).contains("Pending", "Running");
    }

    @Test
    void failingContainerFailsThePodWithItsExitCode() throws Exception {
        fixtures.start(pod("Never", sh("main", "exit 3")).build());

        PodStatus status = fixtures.awaitPhase("Failed");

        ContainerStateTerminated terminated =
                container(status, "main").getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
    }

    @Test
    void terminationMessageComesFromTheFileTheContainerWrote() throws Exception {
        Container c = sh("main", "printf '{\"a\":1}' > /dev/termination-log; echo $TERMINATION_LOG");
        PodRun run = fixtures.start(pod("Never", c).build());

        PodStatus status = fixtures.awaitPhase("Succeeded");

        assertThat(container(status, "main").getState().getTerminated().getMessage())
                .isEqualTo("{\"a\":1}");
        assertThat(logText(run, "main", false).trim()).endsWith("termination-log");
    }

    @Test
    void fallbackToLogsOnErrorUsesTheLastLines() throws Exception {
        Container c = sh("main", "echo first; echo last; exit 1");
        c.setTerminationMessagePolicy("FallbackToLogsOnError");
        fixtures.start(pod("Never", c).build());

        PodStatus status = fixtures.awaitPhase("Failed");

        assertThat(container(status, "main").getState().getTerminated().getMessage())
                .isEqualTo("first\nlast\n");
    }

    @Test
    void initContainersRunFirstAndInOrder() throws Exception {
        Pod pod = pod("Never", sh("main", "cat order"))
                .editSpec()
                .withInitContainers(sh("one", "echo one >> order"), sh("two", "echo two >> order"))
                .endSpec()
                .build();
        PodRun run = fixtures.start(pod);

        PodStatus status = fixtures.awaitPhase("Succeeded");

        assertThat(logText(run, "main", false)).isEqualTo("one\ntwo\n");
        assertThat(status.getInitContainerStatuses())
                .extracting(s -> s.getState().getTerminated().getReason())
                .containsExactly("Completed", "Completed");
        // while initialising, the main container waits with the kubelet's reason
        assertThat(fixtures.statuses).anySatisfy(s -> assertThat(
                        container(s, "main").getState().getWaiting().getReason())
                .isEqualTo("PodInitializing"));
    }

    @Test
    void failedInitContainerFailsAPodThatNeverRestarts() throws Exception {
        Pod pod = pod("Never", sh("main", "echo never"))
                .editSpec()
                .withInitContainers(sh("init", "exit 2"))
                .endSpec()
                .build();
        PodRun run = fixtures.start(pod);

        PodStatus status = fixtures.awaitPhase("Failed");

        assertThat(status.getInitContainerStatuses()
                        .get(0)
                        .getState()
                        .getTerminated()
                        .getExitCode())
                .isEqualTo(2);
        assertThat(container(status, "main").getState().getWaiting().getReason())
                .isEqualTo("PodInitializing");
        assertThatThrownBy(() -> run.log("main", false)).hasMessageContaining("is waiting to start: PodInitializing");
    }

    @Test
    void onFailureRestartsTheContainerAndKeepsThePreviousLog() throws Exception {
        Container c = sh("main", "if [ -f tried ]; then echo second; else touch tried; echo first; exit 1; fi");
        PodRun run = fixtures.start(pod("OnFailure", c).build());

        PodStatus status = fixtures.awaitPhase("Succeeded");

        ContainerStatus main = container(status, "main");
        assertThat(main.getRestartCount()).isEqualTo(1);
        assertThat(main.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(logText(run, "main", false)).isEqualTo("second\n");
        assertThat(logText(run, "main", true)).isEqualTo("first\n");
        assertThat(fixtures.statuses)
                .anySatisfy(s -> assertThat(container(s, "main").getState().getWaiting())
                        .isNotNull()
                        .extracting(w -> w.getReason())
                        .isEqualTo("CrashLoopBackOff"));
    }

    @Test
    void deletionSendsSigtermAndFinishesThePod() throws Exception {
        PodRun run = fixtures.start(
                pod("Never", sh("main", "echo started; sleep 60")).build());
        fixtures.await(s -> container(s, "main").getState().getRunning() != null);

        long begin = System.nanoTime();
        run.delete(30, false);

        assertThat(fixtures.deleted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
        PodStatus status = fixtures.awaitPhase("Failed");
        assertThat(container(status, "main").getState().getTerminated().getExitCode())
                .isEqualTo(143);
    }

    @Test
    void processIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        Container c = sh("main", "trap '' TERM; echo started; while true; do sleep 0.1; done");
        PodRun run = fixtures.start(pod("Never", c).build());
        fixtures.await(s -> container(s, "main").getState().getRunning() != null);
        Thread.sleep(200);

        run.delete(1, false);

        assertThat(fixtures.deleted.await(10, TimeUnit.SECONDS)).isTrue();
        PodStatus status = fixtures.awaitPhase("Failed");
        assertThat(container(status, "main").getState().getTerminated().getExitCode())
                .isEqualTo(137);
    }

    @Test
    void simulatedOomKillReportsReasonAndExitCode() throws Exception {
        Container c = sh("main", "echo allocating");
        c.setEnv(java.util.List.of(new io.fabric8.kubernetes.api.model.EnvVar(Simulation.ENV, "OOMKilled", null)));
        fixtures.start(pod("Never", c).build());

        PodStatus status = fixtures.awaitPhase("Failed");

        ContainerStateTerminated terminated =
                container(status, "main").getState().getTerminated();
        assertThat(terminated.getReason()).isEqualTo("OOMKilled");
        assertThat(terminated.getExitCode()).isEqualTo(137);
    }

    @Test
    void missingImageWaitsInImagePullBackOffAndNeverRuns() throws Exception {
        Container c = sh("main", "touch ran");
        c.setImage("registry.example/does-not-exist:1");
        PodRun run = fixtures.start(pod("Never", c).build());

        PodStatus status = fixtures.await(s -> "ImagePullBackOff".equals(reason(container(s, "main"))));

        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(fixtures.statuses)
                .anySatisfy(s -> assertThat(reason(container(s, "main"))).isEqualTo("ErrImagePull"));
        assertThat(workDir.resolve(run.pod().getMetadata().getUid()).resolve("work/ran"))
                .doesNotExist();
        run.delete(0, false);
        assertThat(fixtures.deleted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unknownExecutableEndsWithStartError() throws Exception {
        Container c = new ContainerBuilder()
                .withName("main")
                .withImage("x")
                .withCommand("no-such-tool-kubesteps")
                .build();
        fixtures.start(pod("Never", c).build());

        PodStatus status = fixtures.awaitPhase("Failed");

        ContainerStateTerminated terminated =
                container(status, "main").getState().getTerminated();
        assertThat(terminated.getReason()).isEqualTo("StartError");
        assertThat(terminated.getExitCode()).isEqualTo(128);
        assertThat(terminated.getMessage()).contains("executable file not found in $PATH");
    }

    @Test
    void logRequestRightAfterTheStartWaitsForTheContainerInsteadOfFailing() throws Exception {
        PodRun run = fixtures.start(pod("Never", sh("main", "echo early")).build());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new LogQuery(true, false, false, null, null, null, "All").stream(run.log("main", false), out);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("early\n");
    }

    static String reason(ContainerStatus status) {
        return status.getState().getWaiting() == null
                ? null
                : status.getState().getWaiting().getReason();
    }
}
