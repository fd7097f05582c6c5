package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.List;

/**
 * Every object of a kind whose labels match a selector, as {@code kubectl delete -l} takes it.
 *
 * @param labelSelector {@code app=web,tier!=cache}, {@code env in (qa,prod)}
 */
public record SelectorTarget(String kind, String labelSelector) implements TargetSpec {
    private static final long serialVersionUID = 1L;

    public SelectorTarget {
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("A label selector needs a kind to select, e.g. kind 'deployment'");
        }
        if (labelSelector == null || labelSelector.isBlank()) {
            throw new InvalidInputException(
                    "The label selector is empty: it would select every " + kind + "; write e.g. 'app=web'");
        }
        kind = kind.strip();
        labelSelector = labelSelector.strip();
    }

    @Override
    public String describe() {
        return kind + " with labels " + labelSelector;
    }

    @Override
    public List<Target> resolve(Targets targets) {
        return targets.select(targets.kind(kind), labelSelector);
    }
}
