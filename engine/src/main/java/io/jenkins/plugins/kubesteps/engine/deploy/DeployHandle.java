package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.kube.TrackedObject;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a new process needs to wait for a deploy again ({@link Deployer#resume}): the objects with
 * their status so far, the deadline and the options of the wait. Plain serializable data; no
 * manifest content (a Secret's data must not end up in a build's program file) and no credentials.
 *
 * @param applying the snapshot was taken while objects were still being applied: a resumed deploy
 *     cannot finish applying (the manifests are not kept) and fails, naming what was applied
 * @param traffic what to do about traffic once stable (done again after a resume: every step of it
 *     is idempotent)
 * @param generations per object key, the generation its apply returned: an older state of the
 *     object (a stale list) never counts as stable; empty for a handle saved before they were kept,
 *     which then waits as it used to
 */
public record DeployHandle(
        List<TrackedObject> objects,
        Instant deadline,
        boolean waitForLoadBalancers,
        boolean applying,
        List<String> warnings,
        TrafficManagement traffic,
        Map<String, Long> generations)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployHandle {
        objects = List.copyOf(objects == null ? List.of() : objects);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
        // a handle saved before traffic management existed has none
        traffic = traffic == null ? TrafficManagement.NONE : traffic;
        generations = Map.copyOf(generations == null ? Map.of() : generations);
    }

    public DeployHandle(
            List<TrackedObject> objects,
            Instant deadline,
            boolean waitForLoadBalancers,
            boolean applying,
            List<String> warnings,
            TrafficManagement traffic) {
        this(objects, deadline, waitForLoadBalancers, applying, warnings, traffic, Map.of());
    }

    public DeployHandle(
            List<TrackedObject> objects,
            Instant deadline,
            boolean waitForLoadBalancers,
            boolean applying,
            List<String> warnings) {
        this(objects, deadline, waitForLoadBalancers, applying, warnings, TrafficManagement.NONE);
    }
}
