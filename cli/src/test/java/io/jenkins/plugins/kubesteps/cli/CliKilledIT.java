package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.jenkins.plugins.kubesteps.cli.CliProcess.Run;
import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The CLI killed with SIGKILL (no chance to clean up): the Job must still end by its deadline, and
 * {@code attach} must pick it up again with the rest of its log and all of its outputs.
 */
class CliKilledIT extends ClusterCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJobWhoseFollowerWasKilledEndsByItsDeadline() throws Exception {
        Path manifest = CliProcess.manifest(work, "orphan-", "echo started; sleep 600");
        Run run = runJob(manifest, "--timeout", "15s");
        JobRef job = createdAndStarted(run);

        run.signal("KILL");
        run.waitFor();

        Job live = cluster.client()
                .batch()
                .v1()
                .jobs()
                .inNamespace(job.namespace())
                .withName(job.name())
                .get();
        assertThat(live.getSpec().getActiveDeadlineSeconds()).isEqualTo(15 + 60);
        CliProcess.waitFor("the Job to fail with DeadlineExceeded", Duration.ofMinutes(4), () -> true, () -> {
            Job now = cluster.client()
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(job.namespace())
                    .withName(job.name())
                    .get();
            return now != null
                    && now.getStatus() != null
                    && now.getStatus().getConditions() != null
                    && now.getStatus().getConditions().stream()
                            .anyMatch(c -> "Failed".equals(c.getType()) && "DeadlineExceeded".equals(reason(c)));
        });
    }

    @Test
    void attachAfterAKillPrintsTheRestOfTheLogAndEveryOutput() throws Exception {
        Path manifest = CliProcess.manifest(
                work,
                "attach-",
                "echo started; echo SPINNAKER_PROPERTY_EARLY=1; sleep 12; echo rest of the log;"
                        + " echo SPINNAKER_PROPERTY_LATE=2");
        Run first = runJob(manifest);
        JobRef job = createdAndStarted(first);
        first.signal("KILL");
        first.waitFor();

        Path result = work.resolve("attach.json");
        Run attach = attach(job, "--result", result.toString());

        assertThat(attach.waitFor()).as(attach.describe()).isZero();
        assertThat(attach.stdout())
                .contains("/main] rest of the log")
                .as("lines from before the attach are not printed again")
                .doesNotContain("/main] started");
        JsonNode json = JSON.readTree(result.toFile());
        assertThat(json.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.path("job").path("uid").asText()).isEqualTo(job.uid());
        assertThat(json.path("outputs").path("EARLY").asText()).isEqualTo("1");
        assertThat(json.path("outputs").path("LATE").asText()).isEqualTo("2");
        assertThat(json.path("outputsComplete").asBoolean()).isTrue();

        // once more on the finished Job, from the start: the whole log
        Run again = attach(job, "--from-start");
        assertThat(again.waitFor()).as(again.describe()).isZero();
        assertThat(again.stdout()).contains("/main] started").contains("/main] rest of the log");
    }

    private Run attach(JobRef job, String... more) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "attach", "--namespace", job.namespace(), "--job", job.name(), "--kubeconfig", admin()));
        args.addAll(java.util.List.of(more));
        return CliProcess.start(work, args.toArray(String[]::new));
    }

    private Run runJob(Path manifest, String... more) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "run-job",
                "--file",
                manifest.toString(),
                "--kubeconfig",
                cluster.adminKubeconfig().toString()));
        args.addAll(java.util.List.of(more));
        return CliProcess.start(work, args.toArray(String[]::new));
    }

    /** The Job the run created, once its container printed its first line. */
    private static JobRef createdAndStarted(Run run) {
        CliProcess.waitFor(
                "the Job's first log line", run::alive, () -> run.stdout().contains("] started"));
        Matcher created = CREATED.matcher(run.stdout());
        assertThat(created.find()).as(run.describe()).isTrue();
        Job live = cluster.client()
                .batch()
                .v1()
                .jobs()
                .inNamespace(created.group(1))
                .withName(created.group(2))
                .get();
        return new JobRef(created.group(1), created.group(2), live.getMetadata().getUid());
    }

    private static String reason(JobCondition condition) {
        return condition.getReason();
    }
}
