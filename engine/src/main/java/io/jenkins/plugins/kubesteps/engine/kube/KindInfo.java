package io.jenkins.plugins.kubesteps.engine.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.Serializable;

/**
 * What API discovery says about a kind: its resource name and whether it is namespaced.
 *
 * @param apiVersion "apps/v1", "v1", "example.com/v1alpha1"
 * @param plural the resource name in URLs ("deployments")
 */
public record KindInfo(String apiVersion, String kind, String plural, boolean namespaced) implements Serializable {
    private static final long serialVersionUID = 1L;

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String version() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group())
                .withVersion(version())
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    /** "deployment/web", the form kubectl prints. */
    public String slashName(String name) {
        return kind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }
}
