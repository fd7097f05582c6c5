package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployWarmUp;
import io.jenkins.plugins.kubesteps.engine.job.JobManifest;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Builds, on a background thread, what a command that talks to a cluster needs from Jackson and
 * the Kubernetes model (the kubeconfig's model, then the Job's or the deploy's, both ways), in the
 * one serialization every client shares, while the main thread parses the command line and reads
 * the kubeconfig. For run-job and attach, fabric8's table of every kind (a thousand model classes,
 * which the first watch event needs) waits until the Job exists: on two cores start-up is
 * CPU-bound, and the Job controller then takes about a second to report the Job complete. Nothing
 * here touches the network or a file, and a failure only means the main thread does the work
 * itself. (A second thread warming TLS and the HTTP client gained nothing measurable: it read the
 * JDK's trust store, which the client reads again.)
 */
final class Preload {
    private static final Set<String> CLUSTER_COMMANDS = Set.of(
            "run-job",
            "attach",
            "deploy",
            "delete",
            "scale",
            "undo-rollout",
            "patch",
            "disable-server-group",
            "enable-server-group");

    private static final String JOB =
            """
            apiVersion: batch/v1
            kind: Job
            metadata: {generateName: preload-}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: main, image: busybox, command: ["true"]}]
            """;

    /** A pod event as the watch of a Job's pods delivers it. */
    private static final String EVENT =
            """
            {"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"preload"},
             "spec":{"containers":[{"name":"main","image":"busybox"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"main","state":{"running":{}}}]}}}
            """;

    private static final Duration CREATION_WAIT = Duration.ofSeconds(5);
    private static final CountDownLatch JOB_CREATED = new CountDownLatch(1);

    private Preload() {}

    /** Starts preloading for {@code command} (the first argument), when it is one that talks to a cluster. */
    static void start(String[] args) {
        if (args.length == 0 || !CLUSTER_COMMANDS.contains(args[0])) {
            return;
        }
        boolean followsJob = args[0].equals("run-job") || args[0].equals("attach");
        Thread t = new Thread(
                () -> {
                    try {
                        warmUp(followsJob);
                    } catch (RuntimeException | LinkageError e) {
                        // only a head start was lost
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "kubesteps-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The Job exists (created, or found by attach): the rest of the warm-up may run. */
    static void jobCreated() {
        JOB_CREATED.countDown();
    }

    private static void warmUp(boolean followsJob) throws InterruptedException {
        KubernetesSerialization serialization = SafeYaml.serialization();
        serialization.convertValue(Map.of(), io.fabric8.kubernetes.api.model.Config.class);
        if (followsJob) {
            JobRequest request = JobRequest.builder().manifest(JOB, "preload").build();
            Job job = JobManifest.prepare(JobManifest.load(JOB, "preload"), request, "default");
            serialization.asJson(job);
            // bounded: a run that fails before creating its Job ends the process anyway
            JOB_CREATED.await(CREATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            DeployWarmUp.run();
        }
        // built outside the lock under which Jackson builds deserializers: a thread that builds one
        // meanwhile does not wait for the whole table
        serialization.getRegisteredKubernetesResource("v1", "Pod");
        serialization.unmarshal(EVENT, WatchEvent.class);
    }
}
