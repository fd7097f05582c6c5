package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusesTest {

    private static ContainerRecord finished(int exitCode) {
        ContainerRecord record = new ContainerRecord("c", "img", false, "ContainerCreating");
        record.terminated(new ContainerRecord.Terminated(
                exitCode, exitCode == 0 ? "Completed" : "Error", "", Instant.now(), Instant.now(), "id"));
        return record;
    }

    private static ContainerRecord running() {
        ContainerRecord record = new ContainerRecord("r", "img", false, "ContainerCreating");
        record.running(Instant.now(), "id");
        return record;
    }

    @Test
    void phaseFollowsRestartPolicy() {
        List<ContainerRecord> none = List.of();
        assertThat(PodStatuses.phase("Never", none, List.of(finished(0), finished(1)), false))
                .isEqualTo("Failed");
        assertThat(PodStatuses.phase("OnFailure", none, List.of(finished(0), finished(1)), false))
                .isEqualTo("Running");
        assertThat(PodStatuses.phase("OnFailure", none, List.of(finished(0), finished(0)), false))
                .isEqualTo("Succeeded");
        assertThat(PodStatuses.phase("Always", none, List.of(finished(0)), false))
                .isEqualTo("Running");
        assertThat(PodStatuses.phase("Never", none, List.of(finished(0), running()), false))
                .isEqualTo("Running");
        assertThat(PodStatuses.phase(
                        "Never", none, List.of(new ContainerRecord("w", "img", false, "ContainerCreating")), false))
                .isEqualTo("Pending");
    }

    @Test
    void aDeletedPodEndsFailedUnlessEveryContainerSucceeded() {
        List<ContainerRecord> none = List.of();
        assertThat(PodStatuses.phase("Always", none, List.of(finished(0)), true))
                .isEqualTo("Succeeded");
        assertThat(PodStatuses.phase("Always", none, List.of(finished(143)), true))
                .isEqualTo("Failed");
        assertThat(PodStatuses.phase(
                        "Never", none, List.of(new ContainerRecord("w", "img", false, "ErrImagePull")), true))
                .isEqualTo("Failed");
    }
}
