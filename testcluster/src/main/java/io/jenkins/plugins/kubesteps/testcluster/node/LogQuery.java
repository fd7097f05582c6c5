package io.jenkins.plugins.kubesteps.testcluster.node;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The query of a kubelet containerLogs request, with the parameter names the API server sends
 * when it proxies pods/log (follow, previous, timestamps, sinceSeconds, sinceTime, tailLines,
 * limitBytes, stream), and the streaming of one container log according to it.
 */
record LogQuery(
        boolean follow,
        boolean previous,
        boolean timestamps,
        Instant since,
        Long tailLines,
        Long limitBytes,
        String stream) {

    static LogQuery parse(String rawQuery, Clock clock) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        Instant since = null;
        if (params.containsKey("sinceTime")) {
            since = Rfc3339.parse(params.get("sinceTime"));
        } else if (params.containsKey("sinceSeconds")) {
            since = clock.instant().minusSeconds(Long.parseLong(params.get("sinceSeconds")));
        }
        String stream = params.getOrDefault("stream", "All");
        if (!stream.equals("All") && !stream.equals("Stdout") && !stream.equals("Stderr")) {
            throw new IllegalArgumentException("stream must be All, Stdout or Stderr");
        }
        return new LogQuery(
                flag(params, "follow"),
                flag(params, "previous"),
                flag(params, "timestamps"),
                since,
                number(params, "tailLines"),
                number(params, "limitBytes"),
                stream);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static boolean flag(Map<String, String> params, String name) {
        String value = params.get(name);
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }

    private static Long number(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        long parsed = Long.parseLong(value);
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return parsed;
    }

    /**
     * Writes the selected records. Like the kubelet, tailLines picks the last lines of the file
     * (records, so a split line counts once per piece) first and sinceTime then filters them; with
     * follow the call returns only once the container has ended and everything was written, or
     * limitBytes was reached. With timestamps only the start of a line is stamped: the kubelet
     * remembers whether the previous record, printed or filtered out, ended its line.
     */
    void stream(ContainerLog log, OutputStream out) throws IOException, InterruptedException {
        long start = tailLines == null ? 0 : log.tailOffset(tailLines);
        long remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
        // the first record read starts a line as far as the kubelet knows, even mid-line after a tail
        boolean lineStart = true;
        try (ContainerLog.Cursor cursor = log.cursor(start)) {
            while (remaining > 0) {
                boolean finished = log.isFinished();
                ContainerLog.Record record = cursor.next();
                if (record == null) {
                    if (!follow || finished) {
                        break;
                    }
                    out.flush();
                    log.awaitChange(cursor.position(), 1000);
                    continue;
                }
                if (selected(record)) {
                    remaining -= write(record, lineStart, out, remaining);
                }
                lineStart = !record.partial() || record.content().length == 0;
            }
        }
        out.flush();
    }

    private boolean selected(ContainerLog.Record record) {
        if (since != null && record.time().isBefore(since)) {
            return false;
        }
        return stream.equals("All") || stream.equalsIgnoreCase(record.stream());
    }

    private long write(ContainerLog.Record record, boolean lineStart, OutputStream out, long remaining)
            throws IOException {
        byte[] prefix = timestamps && lineStart
                ? (Rfc3339.nano(record.time()) + " ").getBytes(StandardCharsets.US_ASCII)
                : new byte[0];
        byte[] content = record.content();
        int total = prefix.length + content.length + (record.partial() ? 0 : 1);
        byte[] bytes = new byte[total];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(content, 0, bytes, prefix.length, content.length);
        if (!record.partial()) {
            bytes[total - 1] = '\n';
        }
        int length = (int) Math.min(total, remaining);
        out.write(bytes, 0, length);
        return length;
    }
}
