package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kubesteps} command: Spinnaker-style Kubernetes manifest stages outside Jenkins. */
@Command(
        name = "kubesteps",
        mixinStandardHelpOptions = true,
        versionProvider = KubeSteps.Version.class,
        description = "Runs Kubernetes manifest stages (Run Job, Deploy) with the engine of the Jenkins plugin.",
        subcommands = {
            RunJobCommand.class,
            DeployCommand.class,
            OutputsCommand.class,
            BenchScanCommand.class,
            WarmUpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:succeeded",
            "1:the Job or deploy failed, timed out or was cancelled",
            "2:invalid input (manifest, options)",
            "3:cluster unreachable, forbidden or failing"
        })
public final class KubeSteps {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int CLUSTER_ERROR = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; the tests call this. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        // picocli answers usage errors with 2 (INVALID_INPUT) already.
        CommandLine cli = new CommandLine(new KubeSteps());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("kubesteps: " + e.getMessage());
            if (e instanceof InvalidInputException) {
                return INVALID_INPUT;
            }
            if (e instanceof ClusterException) {
                return CLUSTER_ERROR;
            }
            throw e;
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
