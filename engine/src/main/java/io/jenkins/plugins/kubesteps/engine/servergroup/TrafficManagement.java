package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What a deploy does about traffic (Spinnaker's "traffic management" of the Deploy stage).
 *
 * @param services Services the deployed ReplicaSets join: their selector labels go into each
 *     ReplicaSet's pod template, their names into {@code traffic.spinnaker.io/load-balancers}
 * @param strategy what happens to the cluster's older server groups once the new one is stable
 *     and serving
 * @param scaleDown with {@link Strategy#REDBLACK}: scale the disabled groups to 0 replicas
 */
public record TrafficManagement(List<String> services, Strategy strategy, boolean scaleDown) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final TrafficManagement NONE = new TrafficManagement(List.of(), Strategy.NONE, false);

    public enum Strategy {
        /** leave older groups as they are */
        NONE,
        /** disable the older groups (keep them for a rollback), optionally scaled down */
        REDBLACK,
        /** disable, then delete the older groups */
        HIGHLANDER;

        /** {@code redblack}, {@code red/black}, {@code red-black}, {@code highlander}, {@code none}, any case. */
        public static Strategy parse(String text) {
            String key =
                    text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replaceAll("[/_ -]", "");
            for (Strategy s : values()) {
                if (s.name().equals(key)) {
                    return s;
                }
            }
            throw new InvalidInputException(
                    "Strategy '" + text + "' is unknown; use redblack, highlander or none (the default)");
        }
    }

    public TrafficManagement {
        services = services == null
                ? List.of()
                : services.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        strategy = strategy == null ? Strategy.NONE : strategy;
        if (strategy != Strategy.NONE && services.isEmpty()) {
            throw new InvalidInputException("Strategy " + strategy.name().toLowerCase(Locale.ROOT) + " needs the"
                    + " Services the new server group serves through: give trafficServices (--traffic-service)");
        }
        if (scaleDown && strategy != Strategy.REDBLACK) {
            throw new InvalidInputException("scaleDown only applies to strategy redblack (highlander deletes the older"
                    + " server groups anyway)");
        }
    }

    public boolean any() {
        return !services.isEmpty();
    }
}
