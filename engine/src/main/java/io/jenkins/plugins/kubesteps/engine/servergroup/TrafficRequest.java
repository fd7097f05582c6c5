package io.jenkins.plugins.kubesteps.engine.servergroup;

import java.time.Duration;
import java.util.List;

/**
 * One disable or enable of a server group.
 *
 * @param services Service names; empty: those of the target's {@code
 *     traffic.spinnaker.io/load-balancers} annotation
 * @param timeout how long relabelling and waiting for the EndpointSlices may take together
 */
public record TrafficRequest(TrafficAction action, TargetSpec target, List<String> services, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public TrafficRequest {
        java.util.Objects.requireNonNull(action, "action");
        java.util.Objects.requireNonNull(target, "target");
        services = services == null
                ? List.of()
                : services.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static TrafficRequest disable(TargetSpec target, List<String> services, Duration timeout) {
        return new TrafficRequest(TrafficAction.DISABLE, target, services, timeout);
    }

    public static TrafficRequest enable(TargetSpec target, List<String> services, Duration timeout) {
        return new TrafficRequest(TrafficAction.ENABLE, target, services, timeout);
    }
}
