package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.Console;
import java.util.List;

/**
 * One operation, prepared: its targets resolved and its input checked, nothing changed yet. The
 * run makes the change target by target ({@link #act}) on the engine's pool, then waits as {@link
 * #waitMode()} says.
 */
interface Action {
    /** "delete", "scale", "undoRollout", "patch": named in the result and in messages. */
    String operation();

    List<Target> targets();

    OperationHandle.WaitMode waitMode();

    /**
     * Makes the change on {@code target}, saying so on the console.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException the cluster refused it
     */
    void act(Target target, Console console);
}
