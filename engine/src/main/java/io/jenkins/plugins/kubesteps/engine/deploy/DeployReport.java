package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.kube.DeployedObject;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import java.util.List;
import java.util.stream.Collectors;

/** What a deploy prints at its end. */
final class DeployReport {
    private DeployReport() {}

    static void print(Console console, DeployResult result) {
        long stable = result.objects().stream()
                .filter(o -> DeployedObject.STABLE.equals(o.status()))
                .count();
        switch (result.status()) {
            case SUCCEEDED -> console.line(
                    "Deploy succeeded: " + result.objects().size() + " objects"
                            + (stable == result.objects().size() ? ", all stable." : " applied."));
            case FAILED -> console.line("Deploy failed (" + result.failure().reason() + "): "
                    + result.failure().message());
            case TIMED_OUT -> console.line(
                    "Deploy timed out: " + result.failure().message());
            case CANCELLED -> console.line(
                    "Deploy cancelled (" + result.failure().message() + ")");
        }
    }

    /** "Applied: a, b. Not applied: c." — what a cancelled or broken deploy left on the cluster. */
    static String appliedSummary(List<TrackedObject> objects) {
        String applied = objects.stream()
                .map(TrackedObject::object)
                .filter(o -> !DeployedObject.NOT_APPLIED.equals(o.status()))
                .map(DeployedObject::describe)
                .collect(Collectors.joining(", "));
        String notApplied = objects.stream()
                .map(TrackedObject::object)
                .filter(o -> DeployedObject.NOT_APPLIED.equals(o.status()))
                .map(DeployedObject::describe)
                .collect(Collectors.joining(", "));
        return "Applied (left as they are): " + (applied.isEmpty() ? "none" : applied) + ". Not applied: "
                + (notApplied.isEmpty() ? "none" : notApplied) + ".";
    }
}
