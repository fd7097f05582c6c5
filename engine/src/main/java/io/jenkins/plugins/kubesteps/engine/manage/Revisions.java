package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.List;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * Which revision of a Deployment to go back to, from the revisions its ReplicaSets carry ({@code
 * deployment.kubernetes.io/revision}), as {@code kubectl rollout undo} chooses.
 */
final class Revisions {
    private Revisions() {}

    /**
     * @param revisions every revision a ReplicaSet of the Deployment carries, the current one included
     * @param current the Deployment's own revision
     * @param revision the revision asked for, or null
     * @param back how many revisions before the current one, when {@code revision} is null
     * @param what "deployment/web in prod", for messages
     */
    static int choose(SortedSet<Integer> revisions, int current, Integer revision, Integer back, String what) {
        if (revision != null && back != null) {
            throw new InvalidInputException("Give either a revision or a number of revisions back, not both");
        }
        if (revision != null) {
            if (revision < 1) {
                throw new InvalidInputException("The revision must be 1 or more, not " + revision);
            }
            if (!revisions.contains(revision)) {
                throw new InvalidInputException(what + " has no revision " + revision + "; "
                        + existing(revisions, current) + ". Pick one of those.");
            }
            return revision;
        }
        if (back == null || back < 1) {
            throw new InvalidInputException("The number of revisions back must be 1 or more, not " + back);
        }
        List<Integer> older = revisions.headSet(current).stream()
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
        if (back > older.size()) {
            throw new InvalidInputException(what + " has "
                    + (older.isEmpty()
                            ? "no revision"
                            : older.size() == 1 ? "one revision" : older.size() + " revisions")
                    + " before the current one, so it cannot go " + back + " back; " + existing(revisions, current)
                    + ".");
        }
        return older.get(back - 1);
    }

    /** "its revisions are 1, 2, 3 (3 is current)". */
    static String existing(SortedSet<Integer> revisions, int current) {
        if (revisions.isEmpty()) {
            return "it has no ReplicaSet that carries a revision";
        }
        return "its revisions are " + revisions.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " ("
                + current + " is current)";
    }
}
