package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kubesteps} command: Spinnaker-style Kubernetes manifest stages outside Jenkins. */
@Command(
        name = "kubesteps",
        mixinStandardHelpOptions = true,
        versionProvider = KubeSteps.Version.class,
        description =
                "Runs Kubernetes manifest stages (Run Job, Deploy, Disable/Enable Server Group, Delete, Scale, Undo Rollout, Patch) with the engine of the Jenkins plugin.",
        subcommands = {
            RunJobCommand.class,
            AttachCommand.class,
            DeployCommand.class,
            DeleteCommand.class,
            ScaleCommand.class,
            UndoRolloutCommand.class,
            PatchCommand.class,
            TrafficCommand.Disable.class,
            TrafficCommand.Enable.class,
            OutputsCommand.class,
            BenchScanCommand.class,
            BenchConcurrentCommand.class,
            WarmUpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:succeeded",
            "1:the Job, deploy, server-group change or operation failed, timed out or was cancelled",
            "2:invalid input (manifest, patch, options, a target that does not exist)",
            "3:cluster unreachable, forbidden or failing, or the namespace does not exist (HTTP 404)",
            "4:the Job succeeded but its outputs may be incomplete (a log could not be read to its end)",
            "70:internal error (a bug: set KUBESTEPS_DEBUG=1 for the stack trace)"
        })
public final class KubeSteps {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int CLUSTER_ERROR = 3;
    public static final int INCOMPLETE_OUTPUTS = 4;
    public static final int INTERNAL_ERROR = 70;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; the tests call this. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    /** 0, 1, or 4 for a succeeded Job whose outputs may be incomplete (unless the caller accepts that). */
    static int exitCode(JobResult result, boolean allowIncompleteOutputs) {
        if (!result.succeeded()) {
            return JOB_FAILED;
        }
        return result.outputsComplete() || allowIncompleteOutputs ? OK : INCOMPLETE_OUTPUTS;
    }

    static CommandLine commandLine() {
        // picocli answers usage errors with 2 (INVALID_INPUT) already.
        CommandLine cli = new CommandLine(new KubeSteps());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException) {
                commandLine.getErr().println("kubesteps: " + e.getMessage());
                return INVALID_INPUT;
            }
            if (e instanceof ClusterException) {
                commandLine.getErr().println("kubesteps: " + e.getMessage());
                return CLUSTER_ERROR;
            }
            // not the user's input: one line names it, the trace is for whoever fixes it
            commandLine.getErr().println("kubesteps: internal error: " + e);
            if (System.getenv("KUBESTEPS_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return INTERNAL_ERROR;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KubeSteps.class.getPackage().getImplementationVersion();
            return new String[] {"kubesteps " + (v == null ? "development build" : v)};
        }
    }
}
