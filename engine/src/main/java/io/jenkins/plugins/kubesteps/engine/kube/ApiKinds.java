package io.jenkins.plugins.kubesteps.engine.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds each object's resource and scope through API discovery (one request per API group
 * version), so custom resources work like built-in kinds. A kind the cluster does not serve yet is
 * accepted when a CustomResourceDefinition of the same deploy defines it.
 */
public final class ApiKinds {
    public static final String CRD_KIND = "CustomResourceDefinition";

    private final KubernetesClient client;
    private final Map<String, List<APIResource>> byGroupVersion = new HashMap<>();

    public ApiKinds(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The kind of every manifest, in order; all unknown kinds are named in one error before anything
     * is applied.
     */
    public List<KindInfo> resolve(List<Manifest> manifests) {
        List<KindInfo> result = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Manifest m : manifests) {
            Optional<KindInfo> info = discovered(m.apiVersion(), m.kind()).or(() -> definedBy(manifests, m));
            if (info.isPresent()) {
                result.add(info.get());
            } else {
                unknown.add(m.where() + ": kind " + m.kind() + " of apiVersion " + m.apiVersion()
                        + (servesGroupVersion(m.apiVersion())
                                ? " is unknown to the cluster"
                                : " is unknown to the cluster (it serves no " + m.apiVersion() + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(String.join("; ", unknown)
                    + ". Check the spelling of kind and apiVersion (kubectl api-resources lists what the cluster"
                    + " serves), or deploy the CustomResourceDefinition first or in the same deploy.");
        }
        return result;
    }

    public Optional<KindInfo> discovered(String apiVersion, String kind) {
        for (APIResource r : resources(apiVersion)) {
            if (kind.equals(r.getKind()) && r.getName() != null && !r.getName().contains("/")) {
                return Optional.of(new KindInfo(apiVersion, kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
            }
        }
        return Optional.empty();
    }

    private boolean servesGroupVersion(String apiVersion) {
        return !resources(apiVersion).isEmpty();
    }

    public List<APIResource> resources(String apiVersion) {
        return byGroupVersion.computeIfAbsent(apiVersion, this::fetch);
    }

    private List<APIResource> fetch(String apiVersion) {
        try {
            APIResourceList list = client.getApiResources(apiVersion);
            return list == null || list.getResources() == null ? List.of() : list.getResources();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw ClusterErrors.translate(
                    e, "discover the kinds of " + apiVersion, String.valueOf(client.getMasterUrl()));
        }
    }

    /** The kind as a CustomResourceDefinition among {@code manifests} defines it. */
    private static Optional<KindInfo> definedBy(List<Manifest> manifests, Manifest object) {
        for (Manifest crd : manifests) {
            if (!CRD_KIND.equals(crd.kind()) || !"apiextensions.k8s.io".equals(crd.group())) {
                continue;
            }
            Map<String, Object> spec = Manifest.find(crd.body(), "spec");
            Map<String, Object> names = Manifest.find(crd.body(), "spec", "names");
            if (spec == null || names == null || !object.kind().equals(names.get("kind"))) {
                continue;
            }
            for (Map<String, Object> version : Manifest.maps(spec, "versions")) {
                String apiVersion = spec.get("group") + "/" + version.get("name");
                if (apiVersion.equals(object.apiVersion()) && !Boolean.FALSE.equals(version.get("served"))) {
                    return Optional.of(new KindInfo(
                            apiVersion,
                            object.kind(),
                            String.valueOf(names.get("plural")),
                            !"Cluster".equals(spec.get("scope"))));
                }
            }
        }
        return Optional.empty();
    }
}
