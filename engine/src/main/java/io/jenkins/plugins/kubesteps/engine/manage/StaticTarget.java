package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.List;

/**
 * One object named as Spinnaker writes it: {@code deployment web}, {@code replicaSet frontend-v003}.
 *
 * @param kind a kind in any case ({@code replicaSet}), its plural or short name, optionally with
 *     its group ({@code deployment.apps})
 */
public record StaticTarget(String kind, String name) implements TargetSpec {
    private static final long serialVersionUID = 1L;

    public StaticTarget {
        if (kind == null || kind.isBlank() || name == null || name.isBlank()) {
            throw new InvalidInputException("A target needs a kind and a name, e.g. 'deployment web'");
        }
        kind = kind.strip();
        name = name.strip();
    }

    /**
     * {@code "deployment web"} or {@code "deployment/web"}.
     *
     * @param field what the text was given as ("--target", "target"), named in the error
     */
    public static StaticTarget parse(String text, String field) {
        String t = text == null ? "" : text.strip();
        String[] parts = t.split("\\s+|/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidInputException(field + " '" + t + "': write the kind and the name, e.g."
                    + " 'deployment web' or 'replicaSet frontend-v003'");
        }
        return new StaticTarget(parts[0], parts[1]);
    }

    @Override
    public String describe() {
        return kind + " " + name;
    }

    @Override
    public List<Target> resolve(Targets targets) {
        KindInfo info = targets.kind(kind);
        return List.of(targets.get(info, name));
    }
}
