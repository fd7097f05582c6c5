package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Creates the Job. A fixed {@code metadata.name} first removes an earlier Job of that name and
 * waits (on a watch) until it is gone, since Kubernetes refuses a second Job of the same name;
 * with {@code generateName} the server picks a new name and nothing needs removing.
 */
final class JobCreation {
    private JobCreation() {}

    static Job create(KubernetesClient client, Job job, Console console, Duration replaceLimit) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        boolean fixedName = name != null && !name.isBlank();
        if (fixedName) {
            removePrevious(client, namespace, name, console, replaceLimit);
        }
        String what =
                "Job " + namespace + "/" + (fixedName ? name : job.getMetadata().getGenerateName() + "*");
        try {
            return client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .resource(job)
                    .create();
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(e, "create " + what, server(client));
        }
    }

    private static void removePrevious(
            KubernetesClient client, String namespace, String name, Console console, Duration limit) {
        String what = "Job " + namespace + "/" + name;
        ScalableResource<Job> previous =
                client.batch().v1().jobs().inNamespace(namespace).withName(name);
        try {
            Job old = previous.get();
            if (old == null) {
                return;
            }
            String oldUid = old.getMetadata().getUid();
            previous.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            // a watch, not a polling loop; a Job with finalizers may take a while to go
            previous.waitUntilCondition(
                    job -> job == null || !oldUid.equals(job.getMetadata().getUid()),
                    limit.toMillis(),
                    TimeUnit.MILLISECONDS);
            console.line("Deleted the previous " + what + " so a new one of that name can be created.");
        } catch (KubernetesClientTimeoutException e) {
            throw new EngineException("The previous " + what + " was still being deleted after "
                    + HumanDuration.format(limit) + "; a new Job of that name cannot be created yet. Try again"
                    + " later, or use metadata.generateName instead of metadata.name.");
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(e, "delete the previous " + what, server(client));
        }
    }

    private static String server(KubernetesClient client) {
        return String.valueOf(client.getMasterUrl());
    }
}
