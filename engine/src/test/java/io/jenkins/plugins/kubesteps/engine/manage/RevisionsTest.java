package io.jenkins.plugins.kubesteps.engine.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The revision undoRolloutManifest goes back to, as kubectl rollout undo picks it. */
class RevisionsTest {
    private static final TreeSet<Integer> GAPS = new TreeSet<>(java.util.List.of(1, 3, 5));

    @Test
    void revisionsBackCountsTheRevisionsThatExistBeforeTheCurrentOne() {
        assertThat(Revisions.choose(GAPS, 5, null, 1, "deployment/web")).isEqualTo(3);
        assertThat(Revisions.choose(GAPS, 5, null, 2, "deployment/web")).isEqualTo(1);
        // after an undo the current revision is the newest again; older ones count from it
        assertThat(Revisions.choose(new TreeSet<>(java.util.List.of(2, 3, 4)), 4, null, 1, "d"))
                .isEqualTo(3);
    }

    @Test
    void anExactRevisionMustExist() {
        assertThat(Revisions.choose(GAPS, 5, 3, null, "deployment/web")).isEqualTo(3);
        assertThatThrownBy(() -> Revisions.choose(GAPS, 5, 2, null, "deployment/web in prod"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("deployment/web in prod has no revision 2; its revisions are 1, 3, 5 (5 is current)."
                        + " Pick one of those.");
    }

    @Test
    void goingFurtherBackThanTheHistoryIsRefusedNamingTheHistory() {
        assertThatThrownBy(() -> Revisions.choose(GAPS, 5, null, 3, "deployment/web"))
                .hasMessage("deployment/web has 2 revisions before the current one, so it cannot go 3 back;"
                        + " its revisions are 1, 3, 5 (5 is current).");
        assertThatThrownBy(() -> Revisions.choose(new TreeSet<>(java.util.List.of(1)), 1, null, 1, "deployment/new"))
                .hasMessageContaining("deployment/new has no revision before the current one");
    }

    @Test
    void nonsensicalNumbersAreRefused() {
        assertThatThrownBy(() -> Revisions.choose(GAPS, 5, 3, 1, "d")).hasMessageContaining("not both");
        assertThatThrownBy(() -> Revisions.choose(GAPS, 5, 0, null, "d")).hasMessageContaining("1 or more, not 0");
        assertThatThrownBy(() -> Revisions.choose(GAPS, 5, null, 0, "d")).hasMessageContaining("1 or more, not 0");
    }
}
