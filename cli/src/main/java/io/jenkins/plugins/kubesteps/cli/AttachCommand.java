package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.job.JobHandle;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Follows a Job that is already running, e.g. after the {@code run-job} that created it was
 * killed: the engine's resume path (the one Jenkins takes after a restart), from a handle without
 * log positions. Every log is read from its start, so the outputs are complete; what is printed
 * starts now unless {@code --from-start}.
 */
@Command(
        name = "attach",
        mixinStandardHelpOptions = true,
        description = {
            "Follows a Job that is already running (e.g. after run-job was killed): its logs, outputs and result.",
            "Logs are read from the start for the outputs; lines are printed from now on unless --from-start."
        })
final class AttachCommand implements Callable<Integer> {

    @Option(names = "--namespace", required = true, description = "The Job's namespace.")
    String namespace;

    @Option(names = "--job", required = true, description = "The Job's name.")
    String job;

    @Option(names = "--from-start", description = "Print the logs from their start, not only new lines.")
    boolean fromStart;

    @Mixin
    FollowOptions options = new FollowOptions();

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        JobRequest request = options.request()
                .namespace(namespace)
                .logsSince(fromStart ? null : now)
                .build();
        return options.follow((runner, console) -> {
            JobHandle handle = runner.handleOf(namespace, job, request);
            return runner.resume(handle, request, console);
        });
    }
}
