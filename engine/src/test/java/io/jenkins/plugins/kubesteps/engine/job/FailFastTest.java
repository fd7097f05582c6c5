package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.running;
import static io.jenkins.plugins.kubesteps.engine.job.MockCluster.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The grace period of a stuck pod, on a clock the test moves: whether a pod recovered in time
 * depends on the order of its states and the grace, not on how busy the machine is.
 */
class FailFastTest {
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<FailFast.Stuck> reported = new CopyOnWriteArrayList<>();
    private final FailFast failFast = new FailFast(GRACE, reported::add, clock);

    private static Pod pod(String phase, ContainerStatus... containers) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("build-1")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .withContainerStatuses(containers)
                .endStatus()
                .build();
    }

    @Test
    void aPodThatRecoversWithinTheGracePeriodIsNotReported() {
        failFast.onPod(pod("Pending", waiting("main", "ErrImagePull", "registry hiccup")));
        clock.advance(GRACE.minusSeconds(1));
        failFast.onPod(pod("Running", running("main")));
        clock.advance(GRACE.multipliedBy(2));

        assertThat(reported).isEmpty();
    }

    @Test
    void pullErrorsThatAlternateKeepTheClockRunningAndTheLatestReasonIsReported() {
        failFast.onPod(pod("Pending", waiting("main", "ErrImagePull", "pull access denied")));
        clock.advance(GRACE.dividedBy(2));
        failFast.onPod(pod("Pending", waiting("main", "ImagePullBackOff", "Back-off pulling image")));
        clock.advance(GRACE.dividedBy(2).minusMillis(1));
        assertThat(reported).as("within the grace period").isEmpty();

        clock.advance(Duration.ofMillis(1));

        assertThat(reported)
                .singleElement()
                .isEqualTo(new FailFast.Stuck("build-1", "main", "ImagePullBackOff", "Back-off pulling image"));
    }

    @Test
    void aPodStuckAgainAfterRecoveringGetsAWholeGracePeriodAnew() {
        failFast.onPod(pod("Pending", waiting("main", "ErrImagePull", "first")));
        clock.advance(GRACE.minusSeconds(1));
        failFast.onPod(pod("Running", running("main")));
        failFast.onPod(pod("Running", waiting("main", "ErrImagePull", "again")));
        clock.advance(GRACE.minusSeconds(1));
        assertThat(reported).isEmpty();

        clock.advance(Duration.ofSeconds(1));

        assertThat(reported).extracting(FailFast.Stuck::message).containsExactly("again");
    }

    @Test
    void nothingIsReportedOnceClosedOrForADeletedPod() {
        failFast.onPod(pod("Pending", waiting("main", "ErrImagePull", "gone soon")));
        failFast.onPodDeleted(pod("Pending", waiting("main", "ErrImagePull", "gone soon")));
        clock.advance(GRACE.multipliedBy(2));
        failFast.onPod(pod("Pending", waiting("main", "InvalidImageName", "bad name")));
        failFast.close();
        clock.advance(GRACE.multipliedBy(2));

        assertThat(reported).isEmpty();
    }
}
