package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.kube.FailureDetail;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a lifecycle operation prints about its end, and the words its messages share. */
final class OperationReport {
    private OperationReport() {}

    /** "Scale succeeded: deployment/web in prod." or "Delete timed out (TimedOut): ...". */
    static void print(Console console, OperationResult result, List<Target> targets) {
        if (result.failure() == null) {
            List<String> names = targets.stream().map(Target::describe).toList();
            console.line(title(result.operation()) + " succeeded: "
                    + (names.isEmpty() ? "no objects" : String.join(", ", names)) + ".");
        } else {
            console.line(title(result.operation()) + " "
                    + result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ("
                    + result.failure().reason() + "): " + result.failure().message());
        }
    }

    /** " still exists" and, when finalizers hold it, which ones and what to do. */
    static String stillThere(List<String> finalizers) {
        if (finalizers.isEmpty()) {
            return " still exists";
        }
        return " still exists, held by finalizers: " + String.join(", ", finalizers)
                + ". The controller that added a finalizer removes it when its work is done; check that it runs,"
                + " or remove the finalizer by hand if that controller is gone.";
    }

    /** Lines under a timeout: each unstable target's pods' problems and newest warning events. */
    static String explain(FailureDetail detail, Map<Target, Map<String, Object>> unstable) {
        StringBuilder sb = new StringBuilder();
        try {
            unstable.forEach((target, live) -> {
                for (String line : detail.explain(target.tracked().object(), live)) {
                    sb.append("\n  ").append(line);
                }
            });
        } catch (RuntimeException e) {
            sb.append("\n  (could not read the pods and events: ")
                    .append(e.getMessage())
                    .append(")");
        }
        return sb.toString();
    }

    static String plural(int n) {
        return n + (n == 1 ? " object" : " objects");
    }

    /** "undoRollout" → "Undo rollout". */
    static String title(String operation) {
        String words = operation.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
