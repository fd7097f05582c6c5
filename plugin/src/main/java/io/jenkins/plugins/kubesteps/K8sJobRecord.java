package io.jenkins.plugins.kubesteps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kubesteps.engine.job.Failure;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Job a build ran, as the build page and the environment see it. A plain class (not a record)
 * because it is stored in build.xml by XStream. Outputs are kept as the strings exported to the
 * environment: JSON values are written as JSON text.
 */
public final class K8sJobRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String name;
    private final String status;
    private final String logUrl;
    private final String failure;
    private final String envPrefix;
    private final LinkedHashMap<String, String> outputs;

    K8sJobRecord(JobResult result, String envPrefix) {
        this.namespace = result.job().namespace();
        this.name = result.job().name();
        this.status = result.status().name();
        this.logUrl = result.logLink();
        Failure f = result.failure();
        this.failure = f == null ? null : f.reason() + ": " + f.message();
        this.envPrefix = envPrefix;
        this.outputs = new LinkedHashMap<>();
        result.outputs().forEach((k, v) -> outputs.put(k, asText(v)));
    }

    /** Strings as they are; everything else (numbers, lists, objects, null) as JSON. */
    static String asText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public String getStatus() {
        return status;
    }

    public String getLogUrl() {
        return logUrl;
    }

    public String getFailure() {
        return failure;
    }

    public String getEnvPrefix() {
        return envPrefix;
    }

    public Map<String, String> getOutputs() {
        return outputs == null ? Map.of() : Collections.unmodifiableMap(outputs);
    }
}
