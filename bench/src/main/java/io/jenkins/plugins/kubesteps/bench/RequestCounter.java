package io.jenkins.plugins.kubesteps.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the requests one client sends, by verb and resource ("WATCH pods", "GET pods/log"). */
final class RequestCounter implements Interceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(describe(request.method(), request.uri()), k -> new LongAdder())
                .increment();
    }

    /** Counts so far, sorted by key. */
    Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.sum()));
        return sorted;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static String describe(String method, URI uri) {
        String[] parts = uri.getPath().split("/");
        int ns = -1;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("namespaces")) {
                ns = i;
                break;
            }
        }
        if (ns < 0 || ns + 2 >= parts.length) {
            return method + " " + uri.getPath();
        }
        String resource = parts[ns + 2];
        boolean named = ns + 3 < parts.length;
        String sub = ns + 4 < parts.length ? "/" + parts[ns + 4] : "";
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String verb = method;
        if (method.equals("GET")) {
            verb = query.contains("watch=true") ? "WATCH" : named ? "GET" : "LIST";
        }
        return verb + " " + resource + sub;
    }
}
