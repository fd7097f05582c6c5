package io.jenkins.plugins.kubesteps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a finished Job fails the step: its status, and whether its outputs may be missing a line. */
class JobOutcomeTest {
    private static final JobRef JOB = new JobRef("ci", "migrate-x1", "uid-1");

    @Test
    void aSucceededJobWhoseLogCouldNotBeReadToItsEndFailsTheStepNamingTheContainer() {
        JobResult result = new JobResult(
                JobStatus.SUCCEEDED, JOB, Map.of("A", "1"), null, null, List.of(), List.of("migrate-x1-abc/main"));
        RunK8sJobStep settings = new RunK8sJobStep();

        assertThat(JobOutcome.fails(result, settings)).isTrue();
        assertThat(JobOutcome.failureDetail(result))
                .contains("migrate-x1-abc/main")
                .contains("allowIncompleteOutputs");

        settings.setAllowIncompleteOutputs(true);
        assertThat(JobOutcome.fails(result, settings)).isFalse();
    }

    @Test
    void aFailedJobFailsTheStepUnlessPropagateIsOff() {
        JobResult result = new JobResult(JobStatus.FAILED, JOB, Map.of(), null, null, List.of());
        RunK8sJobStep settings = new RunK8sJobStep();
        assertThat(JobOutcome.fails(result, settings)).isTrue();
        settings.setPropagate(false);
        assertThat(JobOutcome.fails(result, settings)).isFalse();
    }
}
