package io.jenkins.plugins.kubesteps.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.kube.DeployStatus;
import io.jenkins.plugins.kubesteps.engine.manage.ManifestOperations;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.OperationResult;
import io.jenkins.plugins.kubesteps.engine.manage.OperationStatus;
import io.jenkins.plugins.kubesteps.engine.manage.RunningOperation;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the lifecycle operation tests share: workloads deployed and stable, and running an operation to its end. */
final class OperationFixtures {
    private OperationFixtures() {}

    /** Deploys {@code manifests} into {@code ns} and waits until stable (the deploy engine, already tested). */
    static void deployed(KubernetesClient client, String manifests, String ns) {
        RecordedConsole console = new RecordedConsole();
        DeployFixtures.assertStatus(
                DeployFixtures.deploy(client, console, manifests, ns, b -> {}), console, DeployStatus.SUCCEEDED);
    }

    static OperationResult run(KubernetesClient client, RecordedConsole console, OperationRequest request) {
        return await(new ManifestOperations(client).start(request, console));
    }

    static OperationResult await(RunningOperation running) {
        try {
            return running.result().get(DeployFixtures.DEPLOY_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the result completed exceptionally", e.getCause());
        } catch (TimeoutException e) {
            running.cancel("the test gave up");
            throw new AssertionError("no result within " + DeployFixtures.DEPLOY_LIMIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void assertStatus(OperationResult result, RecordedConsole console, OperationStatus expected) {
        assertThat(result.status())
                .as("status; console was:\n%s\nfailure: %s", console.text(), result.failure())
                .isEqualTo(expected);
    }
}
