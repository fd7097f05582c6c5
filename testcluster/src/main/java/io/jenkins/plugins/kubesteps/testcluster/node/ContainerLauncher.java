package io.jenkins.plugins.kubesteps.testcluster.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one instance of a container for a {@link PodRun}: the simulated image pull, the
 * environment, the process, and the terminated state with its termination message.
 */
final class ContainerLauncher {

    /** The kubelet's limits for termination messages and for the FallbackToLogsOnError tail. */
    static final int MAX_MESSAGE_BYTES = 4096;

    static final int FALLBACK_LINES = 80;
    static final int FALLBACK_BYTES = 2048;
    static final String DEFAULT_TERMINATION_PATH = "/dev/termination-log";

    private final PodRun run;

    ContainerLauncher(PodRun run) {
        this.run = run;
    }

    /** The exit code, or null when the container never ran and will not (deleted while waiting). */
    Integer runOnce(ContainerRecord record, Container spec) throws InterruptedException {
        Pod pod = run.pod();
        if (Simulation.imagePullFails(spec.getImage())) {
            failPull(record, spec.getImage());
            return null;
        }
        Map<String, String> env = environment(record, spec);
        if (env == null) {
            return null;
        }
        Path containerDir = run.dir.resolve(record.name);
        Path terminationLog = containerDir.resolve("termination-log");
        Path workDir = run.dir.resolve("work");
        ContainerLog log;
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(containerDir);
            Files.write(terminationLog, new byte[0]);
            log = run.newLog(record);
        } catch (IOException e) {
            return finish(
                    record, spec, null, 128, "StartError", "cannot prepare container: " + e.getMessage(), null, env);
        }
        env.put("TERMINATION_LOG", terminationLog.toString());
        List<String> argv = argv(spec, env, terminationLog);
        String id = "simnode://" + pod.getMetadata().getUid() + "/" + record.name + "/" + record.restartCount;
        Instant started = run.node.clock().instant();
        synchronized (run) {
            record.containerId = id;
        }
        if (argv.isEmpty()) {
            if (ownedByJob(pod)) {
                log.finish();
                return finish(
                        record,
                        spec,
                        terminationLog,
                        128,
                        "StartError",
                        "simulated node needs a command: image entrypoints are unknown to it",
                        started,
                        env);
            }
            return idle(record, spec, log, id, started, env);
        }
        ContainerProcess process;
        try {
            process = ContainerProcess.start(argv, env, workDir, log);
        } catch (IOException e) {
            log.finish();
            return finish(record, spec, terminationLog, 128, "StartError", e.getMessage(), started, env);
        }
        run.track(record.name, process);
        started(record, started, id);
        int exitCode = process.waitFor();
        run.untrack(record.name);
        log.finish();
        return finish(record, spec, terminationLog, exitCode, null, null, started, env);
    }

    /** A long-running container whose image entrypoint is unknown: it idles until deleted. */
    private Integer idle(
            ContainerRecord record,
            Container spec,
            ContainerLog log,
            String id,
            Instant started,
            Map<String, String> env)
            throws InterruptedException {
        byte[] notice = ("kubesteps simulated node: no command for image " + spec.getImage()
                        + "; idling until the pod is deleted")
                .getBytes(StandardCharsets.UTF_8);
        try {
            log.append("stdout", notice, 0, notice.length, false);
        } catch (IOException e) {
            // the notice is a courtesy; the container runs without it
        }
        started(record, started, id);
        run.awaitDeletion();
        log.finish();
        return finish(record, spec, null, 0, null, null, started, env);
    }

    private void started(ContainerRecord record, Instant at, String id) {
        synchronized (run) {
            record.running(at, id);
        }
        run.report();
    }

    private void failPull(ContainerRecord record, String image) throws InterruptedException {
        synchronized (run) {
            record.waiting(
                    "ErrImagePull",
                    "failed to pull and unpack image \"" + image + "\": " + image
                            + ": not found (simulated by the kubesteps node)");
        }
        run.report();
        if (run.sleepUnlessDeleted(run.node.retryDelay())) {
            return;
        }
        synchronized (run) {
            record.waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
        }
        run.report();
        run.awaitDeletion();
    }

    /** The container's environment; while a reference is missing it waits and retries, as the kubelet does. */
    private Map<String, String> environment(ContainerRecord record, Container spec) throws InterruptedException {
        while (true) {
            try {
                return ContainerEnv.resolve(run.pod(), spec, run.node.lookup(), baseEnv());
            } catch (ContainerEnv.ConfigError e) {
                synchronized (run) {
                    record.waiting("CreateContainerConfigError", e.getMessage());
                }
                run.report();
                if (run.sleepUnlessDeleted(run.node.retryDelay())) {
                    return null;
                }
            }
        }
    }

    /** The node's base environment plus what a container runtime adds: the pod's host name. */
    private Map<String, String> baseEnv() {
        Map<String, String> base = new java.util.HashMap<>(run.node.baseEnv());
        String hostname = run.pod().getSpec().getHostname();
        base.put(
                "HOSTNAME",
                hostname != null ? hostname : run.pod().getMetadata().getName());
        return base;
    }

    private static List<String> argv(Container spec, Map<String, String> env, Path terminationLog) {
        String path =
                spec.getTerminationMessagePath() == null ? DEFAULT_TERMINATION_PATH : spec.getTerminationMessagePath();
        List<String> argv = new ArrayList<>();
        for (List<String> part : List.of(list(spec.getCommand()), list(spec.getArgs()))) {
            for (String arg : part) {
                argv.add(ContainerEnv.expand(arg, env).replace(path, terminationLog.toString()));
            }
        }
        return argv;
    }

    private Integer finish(
            ContainerRecord record,
            Container spec,
            Path terminationLog,
            int exitCode,
            String reason,
            String message,
            Instant started,
            Map<String, String> env) {
        int code = exitCode;
        String why = reason != null ? reason : exitCode == 0 ? "Completed" : "Error";
        if (reason == null && Simulation.oomKilled(spec.getImage(), env)) {
            code = 137;
            why = "OOMKilled";
        }
        String text = message != null ? message : terminationMessage(record, spec, terminationLog, code);
        ContainerRecord.Terminated terminated = new ContainerRecord.Terminated(
                code, why, text, started, run.node.clock().instant(), record.containerId);
        synchronized (run) {
            record.terminated(terminated);
        }
        run.report();
        return code;
    }

    private String terminationMessage(ContainerRecord record, Container spec, Path file, int exitCode) {
        String text = "";
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                text = new String(in.readNBytes(MAX_MESSAGE_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
        }
        if (text.isEmpty() && exitCode != 0 && "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy())) {
            text = logTail(record);
        }
        return text;
    }

    private String logTail(ContainerRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContainerLog log = run.log(record.name, false);
            new LogQuery(false, false, false, null, (long) FALLBACK_LINES, null, "All").stream(log, out);
        } catch (IOException | KubeletServer.LogUnavailable e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
        byte[] bytes = out.toByteArray();
        int from = Math.max(0, bytes.length - FALLBACK_BYTES);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    private static boolean ownedByJob(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "Job".equals(o.getKind()));
    }

    private static List<String> list(List<String> items) {
        return items == null ? List.of() : items;
    }
}
