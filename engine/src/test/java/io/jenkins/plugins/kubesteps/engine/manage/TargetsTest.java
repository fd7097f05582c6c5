package io.jenkins.plugins.kubesteps.engine.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Targets and options as people write them, and what is refused before the cluster is asked. */
class TargetsTest {

    @Test
    void aStaticTargetIsAKindAndANameAsSpinnakerOrKubectlWritesThem() {
        assertThat(StaticTarget.parse("replicaSet frontend-v003", "target"))
                .isEqualTo(new StaticTarget("replicaSet", "frontend-v003"));
        assertThat(StaticTarget.parse("  deployment   web ", "target"))
                .isEqualTo(new StaticTarget("deployment", "web"));
        assertThat(StaticTarget.parse("deploy/web", "target")).isEqualTo(new StaticTarget("deploy", "web"));
        for (String bad : new String[] {"web", "deployment web extra", "", "deployment/"}) {
            assertThatThrownBy(() -> StaticTarget.parse(bad, "--target"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--target '" + bad.strip() + "': write the kind and the name");
        }
    }

    @Test
    void aSelectorNeedsAKindAndMayNotBeEmpty() {
        assertThatThrownBy(() -> new SelectorTarget("configMap", " "))
                .hasMessageContaining("The label selector is empty: it would select every configMap");
        assertThatThrownBy(() -> new SelectorTarget(null, "app=web")).hasMessageContaining("needs a kind");
        assertThat(new SelectorTarget("configMap", "app=web").describe()).isEqualTo("configMap with labels app=web");
    }

    @Test
    void optionWordsAreReadInAnyCaseAndSpinnakersSpellings() {
        assertThat(DeleteRequest.Cascade.parse("Orphan")).isEqualTo(DeleteRequest.Cascade.ORPHAN);
        assertThat(PatchRequest.PatchType.parse("strategic-merge")).isEqualTo(PatchRequest.PatchType.STRATEGIC);
        assertThat(PatchRequest.PatchType.parse("JSON")).isEqualTo(PatchRequest.PatchType.JSON);
        assertThat(PatchRequest.PatchType.parse("json-merge")).isEqualTo(PatchRequest.PatchType.MERGE);
        assertThat(OperationReport.title("undoRollout")).isEqualTo("Undo rollout");
    }

    @Test
    void requestsGetTheDefaultsAPipelineAuthorExpects() {
        DeleteRequest delete = DeleteRequest.builder().target("deployment web").build();
        assertThat(delete.cascade()).isEqualTo(DeleteRequest.Cascade.BACKGROUND);
        assertThat(delete.waitForCompletion()).isTrue();
        assertThat(delete.timeout()).isEqualTo(OperationRequest.DEFAULT_TIMEOUT);
        assertThat(UndoRolloutRequest.builder().target("deployment web").build().revisionsBack())
                .isEqualTo(1);
        assertThat(PatchRequest.builder()
                        .target("deployment web")
                        .patch("{}", null)
                        .build()
                        .source())
                .isEqualTo("patch");
    }
}
