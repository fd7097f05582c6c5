package io.jenkins.plugins.kubesteps.testcluster.node;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One container instance run as a local process. Where {@code setsid} exists the process leads
 * its own process group, so signals reach everything it started (like a container's PID
 * namespace) and nothing it leaves behind survives it; else its descendants are signalled.
 */
final class ContainerProcess {

    private static final Logger LOG = Logger.getLogger(ContainerProcess.class.getName());
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path KILL = Path.of("/bin/kill");

    /** The executable cannot be started: the container ends with reason StartError. */
    static final class StartFailure extends IOException {
        StartFailure(String message) {
            super(message);
        }
    }

    private final Process process;
    private final boolean grouped;
    private final List<Thread> pumps = new ArrayList<>();

    private ContainerProcess(Process process, boolean grouped) {
        this.process = process;
        this.grouped = grouped;
    }

    static ContainerProcess start(List<String> argv, Map<String, String> env, Path workDir, ContainerLog log)
            throws IOException {
        if (argv.isEmpty()) {
            throw new StartFailure("no command to run");
        }
        String executable = resolve(argv.get(0), env.get("PATH"), workDir);
        List<String> command = new ArrayList<>();
        boolean grouped = Files.isExecutable(SETSID) && Files.isExecutable(KILL);
        if (grouped) {
            command.add(SETSID.toString());
        }
        command.add(executable);
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StartFailure(e.getMessage());
        }
        ContainerProcess started = new ContainerProcess(process, grouped);
        started.pump(process.getInputStream(), "stdout", log);
        started.pump(process.getErrorStream(), "stderr", log);
        return started;
    }

    /** Like an OCI runtime, a bare name is looked up on the container's PATH before starting. */
    private static String resolve(String name, String path, Path workDir) throws StartFailure {
        if (name.contains("/")) {
            Path file = workDir.resolve(name);
            if (!Files.isExecutable(file) || Files.isDirectory(file)) {
                throw new StartFailure("exec: \"" + name + "\": stat " + name + ": no such file or directory");
            }
            return file.toString();
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new StartFailure("exec: \"" + name + "\": executable file not found in $PATH");
    }

    private void pump(InputStream in, String stream, ContainerLog log) {
        Thread thread = new Thread(() -> copyLines(in, stream, log), "log-" + stream + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        pumps.add(thread);
    }

    private static void copyLines(InputStream in, String stream, ContainerLog log) {
        byte[] line = new byte[ContainerLog.MAX_RECORD_BYTES];
        int length = 0;
        byte[] chunk = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(chunk)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        log.append(stream, line, 0, length, false);
                        length = 0;
                    } else {
                        if (length == line.length) {
                            log.append(stream, line, 0, length, true);
                            length = 0;
                        }
                        line[length++] = b;
                    }
                }
            }
            if (length > 0) {
                log.append(stream, line, 0, length, true);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "output of container process ended", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the process to exit and returns its exit code (128 + signal when killed by a
     * signal, as container runtimes report). Whatever it left running is killed, and its output
     * is collected for a short while longer.
     */
    int waitFor() throws InterruptedException {
        int exitCode = process.waitFor();
        signal("KILL");
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(2));
        }
        return exitCode;
    }

    /** SIGTERM to the process and everything it started. */
    void terminate() {
        signal("TERM");
    }

    /** SIGKILL to the process and everything it started. */
    void kill() {
        signal("KILL");
    }

    private void signal(String name) {
        boolean term = name.equals("TERM");
        if (grouped) {
            try {
                // a negative pid addresses the whole process group
                new ProcessBuilder(KILL.toString(), "-" + name, "--", "-" + process.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not signal process group " + process.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(child -> {
            if (term) {
                child.destroy();
            } else {
                child.destroyForcibly();
            }
        });
        if (process.isAlive()) {
            if (term) {
                process.destroy();
            } else {
                process.destroyForcibly();
            }
        }
    }
}
