package io.jenkins.plugins.kubesteps.cli;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubesteps.engine.connect.ClientFactory;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployWarmUp;
import io.jenkins.plugins.kubesteps.engine.job.JobManifest;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.logs.LineDecoder;
import io.jenkins.plugins.kubesteps.engine.outputs.OutputScanner;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Loads the classes a run-job and a deploy load, without a cluster, so that {@code ./kubesteps} can record
 * them in a class-data sharing archive once per build: most of run-job's start-up time is class
 * loading (fabric8, Vert.x, Jackson, SnakeYAML), and the archive roughly halves it.
 */
@Command(name = "warm-up", hidden = true, description = "Loads run-job's and deploy's classes (for the CDS archive).")
final class WarmUpCommand implements Callable<Integer> {
    private static final String JOB =
            """
            apiVersion: batch/v1
            kind: Job
            metadata: {generateName: warm-up-}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: main, image: busybox, command: ["true"]}]
            """;

    @Override
    public Integer call() throws Exception {
        JobRequest request = JobRequest.builder().manifest(JOB, "warm-up").build();
        Job job = JobManifest.prepare(JobManifest.load(JOB, "warm-up"), request, "default");
        Serialization.asJson(job);
        ClusterConnection nowhere = new ClusterConnection(
                "https://127.0.0.1:1", null, false, "default", new ClusterCredentials.BearerToken("warm-up"));
        try (KubernetesClient client = ClientFactory.client(nowhere)) {
            client.getHttpClient(); // builds the HTTP client stack; sends nothing
            client.batch().v1().jobs().inNamespace("default").withName("warm-up");
        }
        OutputScanner scanner = new OutputScanner("warm-up", w -> {});
        byte[] log = "SPINNAKER_PROPERTY_A=1\nSPINNAKER_CONFIG_JSON={\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        LineDecoder decoder = new LineDecoder(scanner::line);
        decoder.accept(log, 0, log.length);
        decoder.finish();
        DeployWarmUp.run();
        return KubeSteps.OK;
    }
}
