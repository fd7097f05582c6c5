package io.jenkins.plugins.kubesteps.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the API server's own {@code /metrics} says about watches and requests on Jobs and pods in
 * namespaces (the controllers and the simulated node watch cluster-wide, so namespaced watches are
 * the followers'). Needs a client allowed to read {@code /metrics} (the cluster administrator).
 */
record ApiServerMetrics(int namespacedWatches, int logStreams, Map<String, Long> requests) {
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static ApiServerMetrics read(KubernetesClient admin) {
        String text = admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
        int watches = 0;
        int logs = 0;
        Map<String, Long> requests = new HashMap<>();
        for (String line : text == null ? new String[0] : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            if (!name.equals("apiserver_longrunning_requests") && !name.equals("apiserver_request_total")) {
                continue;
            }
            Map<String, String> labels = labels(m.group(2));
            String resource = labels.getOrDefault("resource", "");
            String scope = labels.getOrDefault("scope", "");
            if (!(resource.equals("jobs") || resource.equals("pods")) || scope.equals("cluster")) {
                continue;
            }
            long value = (long) Double.parseDouble(m.group(3));
            String verb = labels.getOrDefault("verb", "");
            String subresource = labels.getOrDefault("subresource", "");
            if (name.equals("apiserver_longrunning_requests")) {
                if (verb.equals("WATCH")) {
                    watches += (int) value;
                } else if (subresource.equals("log")) {
                    logs += (int) value;
                }
            } else {
                String key = verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
                requests.merge(key, value, Long::sum);
            }
        }
        return new ApiServerMetrics(watches, logs, requests);
    }

    /** Requests counted since {@code before}, by verb and resource, the zero ones left out. */
    Map<String, Long> requestsSince(ApiServerMetrics before) {
        Map<String, Long> delta = new HashMap<>();
        requests.forEach((key, value) -> {
            long d = value - before.requests.getOrDefault(key, 0L);
            if (d != 0) {
                delta.put(key, d);
            }
        });
        return delta;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }
}
