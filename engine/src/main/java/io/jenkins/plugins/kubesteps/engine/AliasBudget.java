package io.jenkins.plugins.kubesteps.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Bounds what aliases cost before anything is built from a composed YAML tree. SnakeYAML's alias
 * cap counts aliases, not what they expand to: 24 anchors that each list the previous one twice
 * are 48 aliases in 600 bytes, and 2^24 nodes once Jackson walks the tree into model objects.
 * Composed nodes are shared, so counting the expanded tree with a memo per node is cheap, and a
 * document is refused before it costs more than its own text justifies.
 */
final class AliasBudget {
    /** Expanded nodes allowed for the whole stream: a fixed floor plus this many per character. */
    static final int NODES_PER_CHAR = 2;

    static final int MIN_NODES = 10_000;

    /** Expanded nesting allowed; the same as the nesting limit of the text itself. */
    static final int MAX_DEPTH = SafeYaml.MAX_NESTING;

    private final String source;
    private final long limit;
    private final Map<Node, long[]> memo = new IdentityHashMap<>();
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
    private long used;
    /** Nodes whose expanded size was worked out: the cost of the check itself. */
    private long walked;

    /** A budget for the documents of one text of {@code length} characters. */
    AliasBudget(String source, int length) {
        this.source = source;
        this.limit = MIN_NODES + (long) NODES_PER_CHAR * length;
    }

    /** Counts one document against the budget; throws once the stream as a whole is over it. */
    void charge(Node document) {
        used += size(document)[0];
        if (used > limit) {
            throw tooFar("more than " + limit + " nodes once aliases are expanded");
        }
    }

    /** {expanded node count, expanded depth} of {@code node}, saturating just above the limit. */
    private long[] size(Node node) {
        long[] known = memo.get(node);
        if (known != null) {
            return known;
        }
        if (inProgress.put(node, Boolean.TRUE) != null) {
            throw tooFar("an anchor contains an alias of itself");
        }
        walked++;
        long count = 1;
        long depth = 0;
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                long[] key = size(t.getKeyNode());
                long[] value = size(t.getValueNode());
                count += key[0] + value[0];
                depth = Math.max(depth, Math.max(key[1], value[1]));
                count = Math.min(count, limit + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                long[] s = size(item);
                count = Math.min(count + s[0], limit + 1);
                depth = Math.max(depth, s[1]);
            }
        }
        depth++;
        if (count > limit) {
            throw tooFar("more than " + limit + " nodes once aliases are expanded");
        }
        if (depth > MAX_DEPTH) {
            throw tooFar("more than " + MAX_DEPTH + " levels of nesting once aliases are expanded");
        }
        inProgress.remove(node);
        long[] result = {count, depth};
        memo.put(node, result);
        return result;
    }

    /** How many nodes the check looked at so far; each composed node once, however often it is aliased. */
    long walked() {
        return walked;
    }

    private InvalidInputException tooFar(String what) {
        return new InvalidInputException(source + ": aliases expand too far: " + what
                + " (anchors referenced with * repeat their content); write the repeated parts out or use fewer"
                + " aliases.");
    }
}
