package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.ClusterException;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kubesteps} command: Spinnaker-style Kubernetes manifest stages outside Jenkins. */
@Command(
        name = "kubesteps",
        mixinStandardHelpOptions = true,
        versionProvider = KubeSteps.Version.class,
        description =
                "Runs Kubernetes manifest stages (Run Job, Deploy, Disable/Enable Server Group, Delete, Scale, Undo Rollout, Patch) with the engine of the Jenkins plugin.",
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

    /**
     * The commands, by name, in the order of the usage help. Only the one asked for is built:
     * picocli reads every option of every command it is given, which a run pays in start-up time.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> c = new LinkedHashMap<>();
        c.put("run-job", RunJobCommand::new);
        c.put("attach", AttachCommand::new);
        c.put("deploy", DeployCommand::new);
        c.put("delete", DeleteCommand::new);
        c.put("scale", ScaleCommand::new);
        c.put("undo-rollout", UndoRolloutCommand::new);
        c.put("patch", PatchCommand::new);
        c.put("disable-server-group", TrafficCommand.Disable::new);
        c.put("enable-server-group", TrafficCommand.Enable::new);
        c.put("outputs", OutputsCommand::new);
        return Collections.unmodifiableMap(c);
    }

    public static void main(String[] args) {
        Preload.start(args);
        int code = run(args);
        stopHttpSelectors();
        if (code == OK || code == JOB_FAILED) {
            markArchiveWorthKeeping();
        }
        System.exit(code);
    }

    /**
     * The way in for commands that are not shipped in this jar (the benchmarks of the bench module:
     * {@code bench-scan}, {@code bench-concurrent}), so that this jar's command list stays the
     * user's: runs {@code commands} as {@code kubesteps} commands, with the same usage help, error
     * messages and exit codes, and the same quick exit.
     */
    public static void main(String[] args, Map<String, Supplier<Object>> commands) {
        int code = run(commands, args);
        stopHttpSelectors();
        System.exit(code);
    }

    /** {@link #main(String[], Map)} without the exit; the bench module's tests call this. */
    public static int run(Map<String, Supplier<Object>> commands, String... args) {
        return commandLine(commands, args.length == 0 ? null : args[0]).execute(args);
    }

    /**
     * Tells the launcher, while it records a class-data sharing archive of this run, that the run
     * went through: an archive of a run cut short would lack most of the classes.
     */
    private static void markArchiveWorthKeeping() {
        String marker = System.getProperty("kubesteps.cds.ok");
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), "");
            } catch (IOException | RuntimeException e) {
                // the archive is then just not kept
            }
        }
    }

    /**
     * Ends the JDK HTTP clients' selector threads, which wait in native code (epoll) for as long as
     * the JVM runs: the JVM's exit waits up to 300 ms for every thread in native code to return
     * (HotSpot's VM_Exit), and Java 17's HTTP client has no close(). Interrupting a selector thread
     * ends its loop; the process is ending anyway.
     */
    private static void stopHttpSelectors() {
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .toList();
        selectors.forEach(Thread::interrupt);
        for (Thread t : selectors) {
            try {
                t.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs a command line and returns its exit code; the tests call this. */
    public static int run(String... args) {
        return run(COMMANDS, args);
    }

    /** 0, 1, or 4 for a succeeded Job whose outputs may be incomplete (unless the caller accepts that). */
    static int exitCode(JobResult result, boolean allowIncompleteOutputs) {
        if (!result.succeeded()) {
            return JOB_FAILED;
        }
        return result.outputsComplete() || allowIncompleteOutputs ? OK : INCOMPLETE_OUTPUTS;
    }

    /** The command line with the command {@code first} names, or with every command when it names none. */
    private static CommandLine commandLine(Map<String, Supplier<Object>> commands, String first) {
        // picocli answers usage errors with 2 (INVALID_INPUT) already.
        CommandLine cli = new CommandLine(new KubeSteps());
        if (commands.containsKey(first)) {
            cli.addSubcommand(first, commands.get(first).get());
        } else {
            commands.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
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
