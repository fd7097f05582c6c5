package io.jenkins.plugins.kubesteps.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.kubesteps.engine.watch.SharedWatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deploys waiting in the same namespace share the watch of each kind, and each hears only of its own objects. */
@EnableKubernetesMockClient(crud = true)
class StabilityWatchTest {
    static final String NS = "team";
    static final KindInfo DEPLOYMENT = new KindInfo("apps/v1", "Deployment", "deployments", true);

    KubernetesMockServer server;
    KubernetesClient client;

    private static TrackedObject deployment(String name) {
        return new TrackedObject(
                new DeployedObject("Deployment", "apps/v1", NS, name, "", "app", "deployment " + name, "APPLIED"),
                DEPLOYMENT,
                name,
                null);
    }

    private void create(String name) {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }

    @Test
    void twoDeploysIntoOneNamespaceShareOneWatchOfTheKind() throws Exception {
        create("web");
        create("api");
        Seen first = new Seen();
        Seen second = new Seen();
        StabilityWatch a = new StabilityWatch(client, List.of(deployment("web")), first);
        StabilityWatch b = new StabilityWatch(client, List.of(deployment("api"), deployment("web")), second);
        a.start().get(10, TimeUnit.SECONDS);
        b.start().get(10, TimeUnit.SECONDS);

        assertThat(SharedWatch.running(client))
                .as("watches for two deploys of Deployments in one namespace")
                .isOne();
        eventually(() -> first.changed.size() == 1 && second.changed.size() == 2);
        assertThat(first.changed).containsOnlyKeys(deployment("web").key());
        assertThat(second.changed)
                .containsOnlyKeys(deployment("web").key(), deployment("api").key());

        a.close();
        client.apps().deployments().inNamespace(NS).withName("api").delete();
        eventually(() -> second.deleted.contains(deployment("api").key()));
        assertThat(first.deleted).isEmpty();
        assertThat(SharedWatch.running(client)).isOne();
        b.close();
        assertThat(SharedWatch.running(client))
                .as("watches once both deploys stopped waiting")
                .isZero();
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static final class Seen implements StabilityWatch.Listener {
        final Map<String, GenericKubernetesResource> changed = new ConcurrentHashMap<>();
        final List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onChange(String key, GenericKubernetesResource live) {
            changed.put(key, live);
        }

        @Override
        public void onDeleted(String key) {
            deleted.add(key);
        }

        @Override
        public void onFailure(Throwable problem) {
            throw new AssertionError(problem);
        }
    }
}
