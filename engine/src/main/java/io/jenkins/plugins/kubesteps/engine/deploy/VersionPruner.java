package io.jenkins.plugins.kubesteps.engine.deploy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code strategy.spinnaker.io/max-version-history: N}: once the deploy is stable, deletes the
 * oldest versions so that at most N remain, never the version just deployed.
 */
final class VersionPruner {
    private VersionPruner() {}

    /** Which of the live sequences to delete, oldest first. */
    static List<Integer> toDelete(List<Integer> liveSequences, int keep, int deployed) {
        List<Integer> sorted = new ArrayList<>(liveSequences);
        sorted.sort(null);
        List<Integer> doomed = new ArrayList<>();
        int excess = sorted.size() - Math.max(keep, 1);
        for (int i = 0; i < sorted.size() && doomed.size() < excess; i++) {
            if (sorted.get(i) != deployed) {
                doomed.add(sorted.get(i));
            }
        }
        return doomed;
    }

    static void prune(
            KubernetesClient client, List<TrackedObject> objects, Console console, Consumer<String> warnings) {
        LiveObjects live = new LiveObjects(client);
        for (TrackedObject o : objects) {
            if (o.maxVersionHistory() == null || o.object().version().isEmpty()) {
                continue;
            }
            int deployed = Integer.parseInt(o.object().version().substring(1));
            List<Integer> sequences = live.versions(o.kind(), o.object().namespace(), o.baseName()).stream()
                    .map(LiveObjects.Version::sequence)
                    .toList();
            for (int seq : toDelete(sequences, o.maxVersionHistory(), deployed)) {
                String name = Versions.name(o.baseName(), seq);
                try {
                    var op = client.genericKubernetesResources(o.kind().context());
                    (o.kind().namespaced() ? op.inNamespace(o.object().namespace()) : op)
                            .withName(name)
                            .delete();
                    console.line("Deleted " + o.kind().slashName(name) + " (max-version-history "
                            + o.maxVersionHistory() + ")");
                } catch (KubernetesClientException e) {
                    warnings.accept("Could not delete old version " + o.kind().slashName(name) + ": HTTP " + e.getCode()
                            + " " + e.getMessage());
                }
            }
        }
    }
}
