package io.jenkins.plugins.kubesteps.engine.kube;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;

/** The annotations Spinnaker's manifest stages read and write, and ours. */
public final class Annotations {
    public static final String VERSIONED = "strategy.spinnaker.io/versioned";
    public static final String MAX_VERSION_HISTORY = "strategy.spinnaker.io/max-version-history";
    public static final String USE_SOURCE_CAPACITY = "strategy.spinnaker.io/use-source-capacity";
    public static final String REPLACE = "strategy.spinnaker.io/replace";
    public static final String RECREATE = "strategy.spinnaker.io/recreate";

    public static final String APPLICATION = "moniker.spinnaker.io/application";
    public static final String CLUSTER = "moniker.spinnaker.io/cluster";
    public static final String SEQUENCE = "moniker.spinnaker.io/sequence";

    /** The Services a server group is behind, as Spinnaker writes them: {@code ["service web"]}. */
    public static final String LOAD_BALANCERS = "traffic.spinnaker.io/load-balancers";

    public static final String ARTIFACT_TYPE = "artifact.spinnaker.io/type";
    public static final String ARTIFACT_NAME = "artifact.spinnaker.io/name";
    public static final String ARTIFACT_LOCATION = "artifact.spinnaker.io/location";
    public static final String ARTIFACT_VERSION = "artifact.spinnaker.io/version";

    /** SHA-256 of the manifest as given (after binding), so an identical version can be found again. */
    public static final String FINGERPRINT = "kubesteps.io/manifest-sha256";

    static final String MANAGED_BY = KubeLabels.MANAGED_BY_LABEL;

    private Annotations() {}

    /** An annotation that must be "true" or "false"; null when absent. */
    public static Boolean flag(Manifest m, String key) {
        String value = m.annotation(key);
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInputException(m.where() + ": " + m.describe() + ": annotation " + key + " is '"
                    + value + "'; write \"true\" or \"false\"");
        };
    }

    /** A non-negative integer annotation; null when absent. */
    public static Integer count(Manifest m, String key) {
        String value = m.annotation(key);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(m.where() + ": " + m.describe() + ": annotation " + key + " is '" + value
                + "'; write a whole number of 0 or more, quoted (\"5\")");
    }
}
