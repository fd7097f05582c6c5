package io.jenkins.plugins.kubesteps.engine.servergroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final TargetSpec ANY = TargetSpec.dynamic("shop", "replicaSet frontend", Criteria.NEWEST, null);

    @Test
    void sameSecondVersionsAreOrderedBySequenceThenByNameVersion() {
        List<ServerGroup> groups = new ArrayList<>(List.of(
                group("frontend-v001", "2026-11-29T10:00:00Z", "1", 2),
                group("frontend-v003", "2026-11-29T10:00:05Z", "3", 2),
                group("frontend-v002", "2026-11-29T10:00:05Z", "2", 2),
                group("frontend-v005", "2026-11-29T10:00:07Z", null, 2),
                group("frontend-v004", "2026-11-29T10:00:07Z", null, 2)));
        groups.sort(ServerGroup.NEWEST_FIRST);

        assertThat(groups)
                .extracting(ServerGroup::name)
                .containsExactly("frontend-v005", "frontend-v004", "frontend-v003", "frontend-v002", "frontend-v001");
    }

    @Test
    void criteriaPickNewestSecondNewestOldestLargestSmallest() {
        List<ServerGroup> groups = newestFirst(
                group("web-v000", "2026-11-29T10:00:00Z", "0", 3),
                group("web-v001", "2026-11-29T10:00:01Z", "1", 5),
                group("web-v002", "2026-11-29T10:00:01Z", "2", 1),
                group("web-v003", "2026-11-29T10:00:02Z", "3", 5));

        assertThat(pick(groups, Criteria.NEWEST)).isEqualTo("web-v003");
        assertThat(pick(groups, Criteria.SECOND_NEWEST)).isEqualTo("web-v002");
        assertThat(pick(groups, Criteria.OLDEST)).isEqualTo("web-v000");
        // two of 5 replicas: the newer one
        assertThat(pick(groups, Criteria.LARGEST)).isEqualTo("web-v003");
        assertThat(pick(groups, Criteria.SMALLEST)).isEqualTo("web-v002");
    }

    @Test
    void secondNewestOfOneGroupNamesWhatExists() {
        List<ServerGroup> one = newestFirst(group("frontend-v000", "2026-11-29T10:00:00Z", "0", 1));
        TargetSpec spec = TargetSpec.dynamic("shop", "replicaSet frontend", Criteria.SECOND_NEWEST, null);

        assertThatThrownBy(() -> Targets.pick(one, spec, "shop", () -> ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("second_newest of replicaSet frontend needs at least 2 server groups, but the cluster has 1"
                        + " in namespace shop: frontend-v000. Deploy another version first, or pick newest.");
    }

    @Test
    void emptyClusterNamesTheClustersThatExist() {
        assertThatThrownBy(() -> Targets.pick(List.of(), ANY, "shop", () -> "clusters there: replicaSet web (2)"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No server group of cluster 'replicaSet frontend' exists in namespace shop")
                .hasMessageContaining("clusters there: replicaSet web (2)");
    }

    @Test
    void criteriaAcceptSpinnakersSpellings() {
        assertThat(Criteria.parse("second_newest")).isEqualTo(Criteria.SECOND_NEWEST);
        assertThat(Criteria.parse("secondNewest")).isEqualTo(Criteria.SECOND_NEWEST);
        assertThat(Criteria.parse(" Second-Newest ")).isEqualTo(Criteria.SECOND_NEWEST);
        assertThatThrownBy(() -> Criteria.parse("latest"))
                .hasMessage("Criteria 'latest' is unknown; use one of newest, second_newest, oldest, largest,"
                        + " smallest");
    }

    @Test
    void targetSpecsSayWhatIsMissingOrMalformed() {
        assertThat(TargetSpec.named("ns", "replicaSet/web-v001").target()).isEqualTo("replicaSet/web-v001");
        assertThatThrownBy(() -> TargetSpec.named("ns", "web-v001"))
                .hasMessageContaining("target 'web-v001' is not 'kind name'");
        assertThatThrownBy(() -> TargetSpec.dynamic("ns", "replicaSet web", null, null))
                .hasMessageContaining("needs criteria");
        assertThatThrownBy(() -> new TargetSpec("ns", null, null, null, null)).hasMessageContaining("Name a target");
        assertThatThrownBy(() -> new TargetSpec("ns", "replicaSet web-v001", "replicaSet web", Criteria.NEWEST, null))
                .hasMessageContaining("not both");
    }

    @Test
    void kindsAsSpinnakerAndKubectlWriteThem() {
        assertThat(KindNames.builtIn("replicaSet").kind()).isEqualTo("ReplicaSet");
        assertThat(KindNames.builtIn("ReplicaSets").kind()).isEqualTo("ReplicaSet");
        assertThat(KindNames.builtIn("rs").apiVersion()).isEqualTo("apps/v1");
        assertThat(KindNames.builtIn("deployment").plural()).isEqualTo("deployments");
        assertThat(KindNames.builtIn("pod").apiVersion()).isEqualTo("v1");
        assertThat(KindNames.builtIn("rollout")).isNull();
    }

    private static String pick(List<ServerGroup> groups, Criteria criteria) {
        return Targets.pick(groups, TargetSpec.dynamic("shop", "replicaSet web", criteria, null), "shop", () -> "")
                .name();
    }

    private static List<ServerGroup> newestFirst(ServerGroup... groups) {
        List<ServerGroup> list = new ArrayList<>(List.of(groups));
        list.sort(ServerGroup.NEWEST_FIRST);
        return list;
    }

    private static ServerGroup group(String name, String created, String sequence, int replicas) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setKind("ReplicaSet");
        r.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withCreationTimestamp(created)
                .withAnnotations(sequence == null ? Map.of() : Map.of("moniker.spinnaker.io/sequence", sequence))
                .build());
        r.setAdditionalProperty("spec", Map.of("replicas", replicas));
        return ServerGroup.of(r);
    }
}
