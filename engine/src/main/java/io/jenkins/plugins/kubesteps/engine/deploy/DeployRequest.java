package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.ArtifactBinder;
import io.jenkins.plugins.kubesteps.engine.kube.KubeLabels;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the caller decides about one deploy. Build it with {@link #builder()}.
 *
 * @param manifests the manifest texts (see {@link ManifestFiles} for files and directories)
 * @param namespace overrides the namespace of every namespaced object; null keeps the manifests'
 *     (else the connection's default)
 * @param artifacts artifact name (an image without tag or digest) → the reference to deploy
 * @param requiredArtifacts names that must be bound to some container image, else nothing is applied
 * @param bindArtifacts false skips image binding (and the required-artifacts check)
 * @param application the moniker application of objects that do not name one (in Jenkins: the
 *     job's name, {@link Monikers#dnsSafe made DNS-safe})
 * @param forceConflicts take over fields another field manager owns instead of failing
 * @param waitForStable wait until every object is stable; false returns after applying
 * @param waitForLoadBalancers a Service of type LoadBalancer is stable only once it has an ingress
 * @param timeout how long applying and waiting may take together
 * @param traffic Services the new ReplicaSets join, and what happens to the older server groups
 */
public record DeployRequest(
        List<ManifestText> manifests,
        String namespace,
        Map<String, String> artifacts,
        List<String> requiredArtifacts,
        boolean bindArtifacts,
        String application,
        boolean forceConflicts,
        boolean waitForStable,
        boolean waitForLoadBalancers,
        Duration timeout,
        TrafficManagement traffic) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final String FIELD_MANAGER = KubeLabels.FIELD_MANAGER;

    public DeployRequest {
        manifests = List.copyOf(manifests == null ? List.of() : manifests);
        artifacts =
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(artifacts == null ? Map.of() : artifacts));
        requiredArtifacts = List.copyOf(requiredArtifacts == null ? List.of() : requiredArtifacts);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        traffic = traffic == null ? TrafficManagement.NONE : traffic;
        if (traffic.strategy() != TrafficManagement.Strategy.NONE && !waitForStable) {
            throw new InvalidInputException(
                    "Strategy " + traffic.strategy().name().toLowerCase(java.util.Locale.ROOT)
                            + " acts once the new server group is stable; it cannot be combined with not waiting");
        }
    }

    /**
     * The artifact name a reference binds to, as for a Spinnaker docker artifact: the reference
     * without tag and digest ({@code registry:5000/team/app:1.4.2} → {@code registry:5000/team/app}).
     */
    public static String artifactName(String reference) {
        return ArtifactBinder.imageName(reference);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: bind artifacts, wait for stability, 30 minute timeout, no forced conflicts. */
    public static final class Builder {
        private final List<ManifestText> manifests = new ArrayList<>();
        private String namespace;
        private final Map<String, String> artifacts = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();
        private boolean bindArtifacts = true;
        private String application;
        private boolean forceConflicts;
        private boolean waitForStable = true;
        private boolean waitForLoadBalancers;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final List<String> trafficServices = new ArrayList<>();
        private TrafficManagement.Strategy strategy = TrafficManagement.Strategy.NONE;
        private boolean scaleDown;

        public Builder manifest(String text, String source) {
            manifests.add(new ManifestText(source, text));
            return this;
        }

        public Builder manifests(List<ManifestText> texts) {
            manifests.addAll(texts);
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder artifact(String name, String reference) {
            artifacts.put(name, reference);
            return this;
        }

        public Builder requiredArtifact(String name) {
            required.add(name);
            return this;
        }

        public Builder bindArtifacts(boolean bind) {
            this.bindArtifacts = bind;
            return this;
        }

        public Builder application(String application) {
            this.application = application;
            return this;
        }

        public Builder forceConflicts(boolean force) {
            this.forceConflicts = force;
            return this;
        }

        public Builder waitForStable(boolean wait) {
            this.waitForStable = wait;
            return this;
        }

        public Builder waitForLoadBalancers(boolean wait) {
            this.waitForLoadBalancers = wait;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** A Service the deployed ReplicaSets join (its selector labels go into their pod templates). */
        public Builder trafficService(String service) {
            trafficServices.add(service);
            return this;
        }

        public Builder trafficServices(List<String> services) {
            trafficServices.addAll(services);
            return this;
        }

        public Builder strategy(TrafficManagement.Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        public Builder scaleDown(boolean scaleDown) {
            this.scaleDown = scaleDown;
            return this;
        }

        public DeployRequest build() {
            return new DeployRequest(
                    manifests,
                    namespace,
                    artifacts,
                    required,
                    bindArtifacts,
                    application,
                    forceConflicts,
                    waitForStable,
                    waitForLoadBalancers,
                    timeout,
                    new TrafficManagement(trafficServices, strategy, scaleDown));
        }
    }
}
