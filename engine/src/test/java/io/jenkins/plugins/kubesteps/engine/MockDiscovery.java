package io.jenkins.plugins.kubesteps.engine;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** The mock server answers no discovery by itself: the kinds a test names must be announced. */
public final class MockDiscovery {
    private MockDiscovery() {}

    /** Announces one namespaced kind of {@code groupVersion} ("v1", "apps/v1"). */
    public static void announce(
            KubernetesMockServer server, String groupVersion, String kind, String plural, String shortName) {
        server.expect()
                .get()
                .withPath(groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion)
                .andReturn(
                        200,
                        new APIResourceListBuilder()
                                .withGroupVersion(groupVersion)
                                .addToResources(new APIResourceBuilder()
                                        .withKind(kind)
                                        .withName(plural)
                                        .withSingularName(kind.toLowerCase(java.util.Locale.ROOT))
                                        .withShortNames(shortName)
                                        .withNamespaced(true)
                                        .build())
                                .build())
                .always();
    }
}
