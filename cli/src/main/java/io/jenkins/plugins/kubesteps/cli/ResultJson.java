package io.jenkins.plugins.kubesteps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.job.ContainerFailure;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --result} file: status, Job, outputs, log link, failure, warnings. */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {}

    static Map<String, Object> toMap(JobResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        Map<String, Object> job = new LinkedHashMap<>();
        if (r.job() != null) {
            job.put("namespace", r.job().namespace());
            job.put("name", r.job().name());
            job.put("uid", r.job().uid());
        }
        m.put("job", job);
        m.put("outputs", r.outputs());
        m.put("outputsComplete", r.outputsComplete());
        m.put("incompleteOutputs", r.incompleteOutputs());
        m.put("logLink", r.logLink());
        if (r.failure() == null) {
            m.put("failure", null);
        } else {
            Map<String, Object> f = failure(r.failure().reason(), r.failure().message());
            List<Map<String, Object>> containers = new ArrayList<>();
            for (ContainerFailure c : r.failure().containers()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("pod", c.pod());
                cm.put("container", c.container());
                cm.put("exitCode", c.exitCode());
                cm.put("reason", c.reason());
                cm.put("message", c.message());
                containers.add(cm);
            }
            f.put("containers", containers);
            m.put("failure", f);
        }
        m.put("warnings", r.warnings());
        return m;
    }

    static String text(JobResult r) {
        return pretty(toMap(r));
    }

    static void write(JobResult r, Path file) throws IOException {
        write(toMap(r), file);
    }

    /** {"reason", "message"}: how every command's result file begins its failure. */
    static Map<String, Object> failure(String reason, String message) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("reason", reason);
        f.put("message", message);
        return f;
    }

    /** Indented JSON of a result map (any command's). */
    static String pretty(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the result as JSON", e);
        }
    }

    static void write(Map<String, Object> map, Path file) throws IOException {
        Files.writeString(file, pretty(map) + System.lineSeparator());
    }

    /** The output values after the logs (the engine already said how the Job ended). */
    static void print(JobResult r, Console console) {
        if (!r.outputs().isEmpty()) {
            console.line("Output values:");
            r.outputs().forEach((k, v) -> console.line("  " + k + " = " + v));
        }
    }
}
