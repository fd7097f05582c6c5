package io.jenkins.plugins.kubesteps.testcluster.node;

import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** Pods, a recording API and a node context for tests that run pods without a cluster. */
final class PodFixtures implements NodeContext.PodApi, ContainerEnv.Lookup {

    final List<PodStatus> statuses = new CopyOnWriteArrayList<>();
    final CountDownLatch deleted = new CountDownLatch(1);
    final Map<String, Map<String, String>> configMaps = new ConcurrentHashMap<>();
    final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final NodeContext node;

    PodFixtures(Path workDir) {
        node = new NodeContext(
                "test-node",
                workDir,
                Clock.systemUTC(),
                executor,
                this,
                this,
                Map.of("PATH", System.getenv("PATH")),
                Duration.ofMillis(100),
                Duration.ofMillis(200));
    }

    static Container sh(String name, String script) {
        return new ContainerBuilder()
                .withName(name)
                .withImage("busybox:1.36")
                .withCommand("/bin/sh", "-c")
                .withArgs(script)
                .build();
    }

    static PodBuilder pod(String restartPolicy, Container... containers) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("p-" + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace("ns")
                .withUid(UUID.randomUUID().toString())
                .endMetadata()
                .withNewSpec()
                .withNodeName("test-node")
                .withRestartPolicy(restartPolicy)
                .withContainers(containers)
                .endSpec();
    }

    PodRun start(Pod pod) {
        PodRun run = new PodRun(pod, node);
        run.start();
        return run;
    }

    /** The first reported status that matches, waiting up to 15 s. */
    PodStatus await(Predicate<PodStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (PodStatus status : statuses) {
                if (condition.test(status)) {
                    return status;
                }
            }
            Thread.sleep(20);
        }
        return fail("no status matched; last: %s", statuses.isEmpty() ? null : statuses.get(statuses.size() - 1));
    }

    PodStatus awaitPhase(String phase) throws InterruptedException {
        return await(s -> phase.equals(s.getPhase()));
    }

    static ContainerStatus container(PodStatus status, String name) {
        return status.getContainerStatuses().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static String logText(PodRun run, String container, boolean previous) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LogQuery(false, false, false, null, null, null, "All").stream(run.log(container, previous), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void publishStatus(Pod pod, PodStatus status) {
        statuses.add(status);
    }

    @Override
    public void deleteNow(Pod pod) {
        deleted.countDown();
    }

    @Override
    public Map<String, String> configMap(String namespace, String name) {
        return configMaps.get(namespace + "/" + name);
    }

    @Override
    public Map<String, String> secret(String namespace, String name) {
        return secrets.get(namespace + "/" + name);
    }
}
