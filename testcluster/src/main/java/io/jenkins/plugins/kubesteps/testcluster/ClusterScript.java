package io.jenkins.plugins.kubesteps.testcluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code testcluster/cluster} and kubectl as child processes with a time limit. */
public final class ClusterScript {

    private ClusterScript() {}

    /** Exit code and captured output of a finished process. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Both streams, for failure messages. */
        public String output() {
            return stdout + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr);
        }
    }

    /** Runs the cluster script, passing on where Maven put the simulated node jar. */
    public static Result run(Path script, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        return exec(command, timeout, null);
    }

    /** Runs a command; a process still running at the deadline is killed and reported as exit 124. */
    public static Result exec(List<String> command, Duration timeout, String stdin) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        passOn(env, "kubesteps.simnode.jar", "KUBESTEPS_SIMNODE_JAR");
        passOn(env, "kubesteps.target.name", "KUBESTEPS_TARGET_NAME");
        passOn(env, "kubesteps.cache", "KUBESTEPS_CACHE");
        // The script picks its own directory from --dir; an inherited one must not leak in.
        env.remove("KUBESTEPS_CLUSTER_DIR");
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process process = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outPump = pump(process.getInputStream(), out);
            Thread errPump = pump(process.getErrorStream(), err);
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            int code;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                code = 124;
            }
            outPump.join(5000);
            errPump.join(5000);
            String stderr = err.toString(StandardCharsets.UTF_8);
            if (code == 124) {
                stderr += "\n(killed after " + timeout + ": " + String.join(" ", command) + ")";
            }
            return new Result(code, out.toString(StandardCharsets.UTF_8), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static void passOn(Map<String, String> env, String property, String variable) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            env.put(variable, value);
        }
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(
                () -> {
                    try (from) {
                        from.transferTo(to);
                    } catch (IOException ignored) {
                        // the process went away; what was read so far is kept
                    }
                },
                "kubesteps-cluster-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
