package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.NAMESPACE;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.outputs.BoundedOutputs.MAX_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each container's outputs are bounded while they stream; a pod's containers together are bounded too. */
class PodLogsOutputBoundsTest extends PodLogsFixture {

    private static String[] properties(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "SPINNAKER_PROPERTY_" + prefix + i + "=v")
                .toArray(String[]::new);
    }

    @Test
    void aPodsContainersTogetherKeepTheKeyLimitAndTheDropsAreSummedUpAtTheEnd() throws Exception {
        server.log("job-a", "main").start().add(properties("M", 1_200)).terminate();
        server.log("job-a", "sidecar").start().add(properties("S", 800)).terminate();
        follow(REQUEST, console, Map.of());

        logs.onPod(pod("job-a")
                .container("main", "terminated")
                .container("sidecar", "terminated")
                .build());
        logs.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);

        assertThat(logs.outputsByPod().get("job-a")).hasSize(MAX_KEYS).containsKey("M999");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("job-a/main line 1001: ")
                .contains("\"M1000\""));
        assertThat(logs.outputLimitSummary())
                .satisfiesExactly(
                        w -> assertThat(w).isEqualTo("job-a/main: 200 output keys dropped in all (limit 1,000 keys)"),
                        w -> assertThat(w).startsWith("outputs of pod job-a: ").contains("\"S0\""),
                        w -> assertThat(w)
                                .isEqualTo("outputs of pod job-a: 800 output keys dropped in all (limit 1,000 keys)"));
        // the log itself is whole
        assertThat(console.text()).contains("SPINNAKER_PROPERTY_M1199=v", "SPINNAKER_PROPERTY_S799=v");
    }

    @Test
    void outputsSavedWithoutBoundsAreBoundedOnResume() {
        Map<String, Object> saved = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            saved.put("K" + i, "v");
        }
        logs = new PodLogs(client, NAMESPACE, REQUEST, console, warnings::add, Map.of(), Map.of("job-old", saved));

        assertThat(logs.outputsByPod().get("job-old")).hasSize(MAX_KEYS).containsKey("K999");
        assertThat(logs.outputLimitSummary())
                .last()
                .isEqualTo("outputs of pod job-old: 4,000 output keys dropped in all (limit 1,000 keys)");
    }
}
