package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubesteps.engine.SafeYaml;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployWarmUp;
import io.jenkins.plugins.kubesteps.engine.job.JobManifest;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Loads, on two background threads, the classes a command that talks to a cluster needs later
 * (the Kubernetes model and its builders, fabric8's table of kinds that every watch event goes
 * through, TLS and the JDK HTTP client), while the main thread parses the command line and reads
 * the kubeconfig and manifests. A run of the CLI is mostly class loading, one class after the
 * other; the machine has more cores than that. Nothing here touches the network or a file, and a
 * failure only means the main thread loads those classes itself.
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

    private Preload() {}

    /** Starts preloading for {@code command} (the first argument), when it is one that talks to a cluster. */
    static void start(String[] args) {
        if (args.length == 0 || !CLUSTER_COMMANDS.contains(args[0])) {
            return;
        }
        boolean deploy = !args[0].equals("run-job") && !args[0].equals("attach");
        thread("kubesteps-preload-model", () -> {
            // in the order the main thread needs them, in the one serialization every client shares:
            // the kubeconfig's model, then the Job's (or the deploy's) both ways
            KubernetesSerialization serialization = SafeYaml.serialization();
            serialization.convertValue(Map.of(), io.fabric8.kubernetes.api.model.Config.class);
            if (deploy) {
                DeployWarmUp.run();
            } else {
                JobRequest request =
                        JobRequest.builder().manifest(JOB, "preload").build();
                Job job = JobManifest.prepare(JobManifest.load(JOB, "preload"), request, "default");
                serialization.asJson(job);
            }
            // fabric8's table of every kind (a thousand model classes), which the first watch event
            // needs: built here, outside the lock under which Jackson builds deserializers, a main
            // thread that builds one meanwhile does not wait for the whole table
            serialization.getRegisteredKubernetesResource("v1", "Pod");
            serialization.unmarshal(EVENT, WatchEvent.class);
        });
        thread("kubesteps-preload-tls", () -> {
            try {
                SSLContext.getDefault().createSSLEngine();
            } catch (NoSuchAlgorithmException e) {
                // the main thread reports it if it matters
            }
            HttpClient.newBuilder().build();
        });
    }

    private static void thread(String name, Runnable work) {
        Thread t = new Thread(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException | LinkageError e) {
                        // only a head start was lost
                    }
                },
                name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
