package io.jenkins.plugins.kubesteps.engine.manage;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.ApiKinds;
import io.jenkins.plugins.kubesteps.engine.kube.KindInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a kind as people write it ({@code replicaSet}, {@code deployments}, {@code deploy}, {@code
 * deployment.apps}) into the kind the cluster serves, like kubectl: kind, plural, singular and short
 * names, case-insensitive. The usual groups are asked first, so the common case costs one request;
 * other groups only when those do not know the word.
 */
final class KindNames {
    private static final List<String> USUAL = List.of("v1", "apps/v1", "batch/v1");

    private final KubernetesClient client;
    private final ApiKinds apiKinds;

    KindNames(KubernetesClient client) {
        this.client = client;
        this.apiKinds = new ApiKinds(client);
    }

    KindInfo find(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        int dot = w.indexOf('.');
        String name = dot < 0 ? w : w.substring(0, dot);
        String group = dot < 0 ? null : w.substring(dot + 1);
        for (String gv : USUAL) {
            if (group == null || group.equals(groupOf(gv))) {
                KindInfo found = match(gv, name);
                if (found != null) {
                    return found;
                }
            }
        }
        // beyond the usual groups, custom resources of different groups may share a kind: do not guess
        List<KindInfo> found = new ArrayList<>();
        for (String gv : otherGroupVersions()) {
            if (group == null || group.equals(groupOf(gv))) {
                KindInfo match = match(gv, name);
                if (match != null) {
                    found.add(match);
                }
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new InvalidInputException("Kind '" + word + "' is served by several API groups: "
                    + String.join(
                            ", ",
                            found.stream().map(k -> groupOf(k.apiVersion())).toList())
                    + ". Name the group too, e.g. '" + name + "."
                    + groupOf(found.get(0).apiVersion()) + "'.");
        }
        throw new InvalidInputException("Kind '" + word + "' is unknown to the cluster. Write a kind as kubectl"
                + " api-resources lists it, e.g. deployment, replicaSet, statefulSet, service, configMap.");
    }

    private KindInfo match(String groupVersion, String name) {
        for (APIResource r : apiKinds.resources(groupVersion)) {
            if (r.getName() == null || r.getName().contains("/")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add(r.getKind().toLowerCase(Locale.ROOT));
            names.add(r.getName());
            if (r.getSingularName() != null) {
                names.add(r.getSingularName());
            }
            if (r.getShortNames() != null) {
                names.addAll(r.getShortNames());
            }
            if (names.contains(name)) {
                return new KindInfo(groupVersion, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced()));
            }
        }
        return null;
    }

    private List<String> otherGroupVersions() {
        try {
            List<String> result = new ArrayList<>();
            for (APIGroup g : client.getApiGroups().getGroups()) {
                if (g.getPreferredVersion() != null
                        && !USUAL.contains(g.getPreferredVersion().getGroupVersion())) {
                    result.add(g.getPreferredVersion().getGroupVersion());
                }
            }
            return result;
        } catch (KubernetesClientException e) {
            throw ClusterErrors.translate(e, "list the cluster's API groups", String.valueOf(client.getMasterUrl()));
        }
    }

    private static String groupOf(String groupVersion) {
        int slash = groupVersion.indexOf('/');
        return slash < 0 ? "" : groupVersion.substring(0, slash);
    }
}
