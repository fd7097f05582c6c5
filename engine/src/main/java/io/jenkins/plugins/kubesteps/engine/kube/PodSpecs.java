package io.jenkins.plugins.kubesteps.engine.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where the pod spec (and pod template metadata) of each workload kind lives. */
public final class PodSpecs {
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

    private PodSpecs() {}

    /** The path of the pod template ({@code metadata} + {@code spec}), or null for kinds without one. */
    static String[] templatePath(String kind) {
        return switch (kind) {
            case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController" -> new String
                    [] {"spec", "template"};
            case "CronJob" -> new String[] {"spec", "jobTemplate", "spec", "template"};
            default -> null;
        };
    }

    /** The pod template of a workload, or null (a Pod has none: it is its own pod). */
    public static Map<String, Object> template(Manifest m) {
        String[] path = templatePath(m.kind());
        return path == null ? null : Manifest.find(m.body(), path);
    }

    /** The pod spec of a Pod or of a workload's template; null for other kinds. */
    static Map<String, Object> podSpec(Manifest m) {
        if ("Pod".equals(m.kind())) {
            return Manifest.find(m.body(), "spec");
        }
        Map<String, Object> template = template(m);
        return template == null ? null : Manifest.find(template, "spec");
    }

    /** Every container of the pod spec: containers, initContainers and ephemeralContainers. */
    static List<Map<String, Object>> containers(Map<String, Object> podSpec) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String list : CONTAINER_LISTS) {
            all.addAll(Manifest.maps(podSpec, list));
        }
        return all;
    }
}
