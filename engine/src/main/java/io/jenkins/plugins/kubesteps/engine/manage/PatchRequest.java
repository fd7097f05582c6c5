package io.jenkins.plugins.kubesteps.engine.manage;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patch (Manifest): a strategic merge, JSON merge or JSON patch of the target.
 *
 * @param patch the patch as YAML or JSON text
 * @param source where the text came from (a file name, "patch"), named in every error about it
 * @param artifacts for the merge types: artifact name → reference, bound into the patch's images
 * @param requiredArtifacts names that must be bound, else nothing is patched
 */
public record PatchRequest(
        TargetSpec target,
        String namespace,
        PatchType type,
        String patch,
        String source,
        Map<String, String> artifacts,
        List<String> requiredArtifacts,
        boolean waitForCompletion,
        Duration timeout)
        implements OperationRequest {

    public enum PatchType {
        /** Kubernetes' strategic merge (lists merged by key, e.g. containers by name); built-in kinds only. */
        STRATEGIC,
        /** RFC 7386 JSON merge patch: lists are replaced whole. */
        MERGE,
        /** RFC 6902 JSON patch: a list of operations. */
        JSON;

        /** "strategic", "merge", "json" (also Spinnaker's "strategic-merge", "json-merge"). */
        public static PatchType parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
            return switch (t) {
                case "strategic", "strategic-merge", "strategic_merge", "strategicmerge" -> STRATEGIC;
                case "merge", "json-merge", "json_merge", "jsonmerge" -> MERGE;
                case "json", "json-patch", "json_patch", "jsonpatch" -> JSON;
                default -> throw new InvalidInputException("patch type '" + text + "': write strategic, merge or json");
            };
        }
    }

    public PatchRequest {
        type = type == null ? PatchType.STRATEGIC : type;
        source = source == null || source.isBlank() ? "patch" : source;
        artifacts = Collections.unmodifiableMap(new LinkedHashMap<>(artifacts == null ? Map.of() : artifacts));
        requiredArtifacts = List.copyOf(requiredArtifacts == null ? List.of() : requiredArtifacts);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: strategic merge, wait until stable (workloads), 30 minutes. */
    public static final class Builder extends OperationRequest.Builder<Builder> {
        private PatchType type = PatchType.STRATEGIC;
        private String patch;
        private String source;
        private final Map<String, String> artifacts = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        public Builder type(PatchType type) {
            this.type = type;
            return this;
        }

        public Builder patch(String text, String source) {
            this.patch = text;
            this.source = source;
            return this;
        }

        public Builder artifact(String name, String reference) {
            artifacts.put(name, reference);
            return this;
        }

        public Builder requiredArtifact(String name) {
            required.add(name);
            return this;
        }

        public PatchRequest build() {
            return new PatchRequest(
                    target, namespace, type, patch, source, artifacts, required, waitForCompletion, timeout);
        }
    }
}
