package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.util.List;

/**
 * One operation, prepared: its targets resolved and its input checked, nothing changed yet. The
 * run makes the change target by target on the engine's pool, then waits as {@code waitMode} says.
 *
 * @param operation "delete", "scale", "undoRollout", "patch": named in the result and in messages
 */
record Action(String operation, List<Target> targets, OperationHandle.WaitMode waitMode, Change change) {

    /** The change on one target. */
    interface Change {
        /**
         * Makes the change on {@code target}, saying so on the console.
         *
         * @return the object as the change left it (its generation is the one to wait for), or null
         * @throws io.fabric8.kubernetes.client.KubernetesClientException the cluster refused it
         */
        GenericKubernetesResource apply(Target target, Console console);
    }
}
