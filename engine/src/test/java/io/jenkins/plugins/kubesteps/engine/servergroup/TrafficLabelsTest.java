package io.jenkins.plugins.kubesteps.engine.servergroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficLabelsTest {
    private static final String RS = "replicaSet web-v001 in namespace shop";

    @Test
    void theLabelsAreEveryKeyOfEveryServiceSelector() {
        Map<String, String> labels = TrafficLabels.of(
                List.of(
                        new ServiceSelector("web", Map.of("serve-web", "true")),
                        new ServiceSelector("web-admin", Map.of("serve-web", "true", "tier", "admin"))),
                RS,
                Set.of("app"),
                Map.of("app", "web", "serve-web", "true"));

        assertThat(labels).containsOnly(Map.entry("serve-web", "true"), Map.entry("tier", "admin"));
    }

    @Test
    void aKeyOfTheWorkloadsOwnSelectorIsRefusedBecauseItWouldOrphanThePods() {
        assertThatThrownBy(() -> TrafficLabels.of(
                        List.of(new ServiceSelector("web", Map.of("app", "web"))), RS, Set.of("app"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Service web selects on app, which is also in the selector of " + RS + ": removing it"
                        + " would orphan the pods (the ReplicaSet would start new ones). Give the Service a label key"
                        + " of its own (e.g. web-traffic: \"true\") that the workload's selector does not use."
                        + " Nothing was changed.");
    }

    @Test
    void emptySelectorsAndContradictionsAreRefused() {
        assertThatThrownBy(() ->
                        TrafficLabels.of(List.of(new ServiceSelector("by-hand", Map.of())), RS, Set.of(), Map.of()))
                .hasMessageContaining("Service by-hand has no selector");
        assertThatThrownBy(() -> TrafficLabels.of(
                        List.of(new ServiceSelector("a", Map.of("k", "1")), new ServiceSelector("b", Map.of("k", "2"))),
                        RS,
                        Set.of(),
                        Map.of()))
                .hasMessageContaining("Services a and b select k=1 and k=2; no pod can be in both");
        assertThatThrownBy(() -> TrafficLabels.of(
                        List.of(new ServiceSelector("web", Map.of("color", "blue"))),
                        RS,
                        Set.of(),
                        Map.of("color", "green")))
                .hasMessageContaining("carry color=green as their own label");
    }

    @Test
    void inPlaceAndPatchForBothActions() {
        Map<String, String> traffic = Map.of("serve", "true");
        assertThat(TrafficLabels.inPlace(TrafficAction.DISABLE, traffic, Map.of("app", "x")))
                .isTrue();
        assertThat(TrafficLabels.inPlace(TrafficAction.DISABLE, traffic, Map.of("serve", "true")))
                .isFalse();
        assertThat(TrafficLabels.inPlace(TrafficAction.ENABLE, traffic, Map.of("serve", "true")))
                .isTrue();
        assertThat(TrafficLabels.inPlace(TrafficAction.ENABLE, traffic, null)).isFalse();

        Map<String, Object> removal = new HashMap<>();
        removal.put("serve", null);
        assertThat(TrafficLabels.patch(TrafficAction.DISABLE, traffic)).isEqualTo(removal);
        assertThat(TrafficLabels.patch(TrafficAction.ENABLE, traffic)).isEqualTo(Map.of("serve", "true"));
    }

    @Test
    void loadBalancersAnnotationAsSpinnakerWritesIt() {
        assertThat(TrafficLabels.servicesOf("[\"service web\", \"service web-admin\"]", RS))
                .containsExactly("web", "web-admin");
        assertThatThrownBy(() -> TrafficLabels.servicesOf("service web", RS))
                .hasMessageContaining("write a JSON list such as [\"service my-svc\"]");
        assertThatThrownBy(() -> TrafficLabels.servicesOf("[\"ingress web\"]", RS))
                .hasMessageContaining("only Services can be load balancers");
    }
}
