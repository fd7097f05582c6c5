package io.jenkins.plugins.kubesteps.engine.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import io.jenkins.plugins.kubesteps.engine.kube.Manifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spinnaker's versioning rules, on plain manifests: which objects get {@code -vNNN} names, how a
 * version's name is formed and read back, and the fingerprint by which an identical earlier
 * version is recognised.
 */
public final class Versions {
    private static final Set<String> VERSIONED_BY_DEFAULT = Set.of("ReplicaSet", "Pod", "ConfigMap", "Secret");
    private static final Pattern SUFFIX = Pattern.compile("-v(\\d{3,})$");
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Versions() {}

    /**
     * Whether {@code m} gets a versioned name: ReplicaSet, Pod, ConfigMap and Secret by default,
     * else what {@code strategy.spinnaker.io/versioned} says. An object with only a generateName has
     * no name to version.
     */
    static boolean isVersioned(Manifest m) {
        Boolean flag = Annotations.flag(m, Annotations.VERSIONED);
        if (m.name() == null) {
            return false;
        }
        if (flag != null) {
            return flag;
        }
        boolean builtIn = m.group().isEmpty() || "apps".equals(m.group());
        return builtIn && VERSIONED_BY_DEFAULT.contains(m.kind());
    }

    /** {@code web-v007}. */
    public static String name(String base, int sequence) {
        return base + "-v" + String.format("%03d", sequence);
    }

    /** {@code v007}. */
    static String version(int sequence) {
        return String.format("v%03d", sequence);
    }

    /** The sequence of {@code candidate} when it is a version of {@code base}, else empty. */
    public static OptionalInt sequenceOf(String candidate, String base) {
        if (candidate == null || !candidate.startsWith(base + "-v")) {
            return OptionalInt.empty();
        }
        Matcher m = SUFFIX.matcher(candidate);
        if (!m.find() || m.start() != base.length()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The sequence after the newest live one; 0 when there is none. */
    static int next(List<Integer> liveSequences) {
        return liveSequences.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /**
     * Whether a live ConfigMap or Secret that carries no fingerprint (deployed by Spinnaker or by
     * hand) holds exactly what {@code desired} asks for. Other kinds are never judged this way: the
     * server fills in defaults, so their live spec never equals the manifest's.
     */
    static boolean sameContent(String kind, Map<String, Object> desired, Map<String, Object> live) {
        if ("ConfigMap".equals(kind)) {
            return Objects.equals(orEmpty(desired.get("data")), orEmpty(live.get("data")))
                    && Objects.equals(orEmpty(desired.get("binaryData")), orEmpty(live.get("binaryData")))
                    && Objects.equals(desired.get("immutable"), live.get("immutable"));
        }
        if ("Secret".equals(kind)) {
            Map<Object, Object> data = new LinkedHashMap<>(orEmpty(desired.get("data")));
            // the server folds stringData into data, base64-encoded
            orEmpty(desired.get("stringData"))
                    .forEach((k, v) -> data.put(
                            k,
                            Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
            return Objects.equals(data, orEmpty(live.get("data")))
                    && Objects.equals(desired.getOrDefault("type", "Opaque"), live.getOrDefault("type", "Opaque"))
                    && Objects.equals(desired.get("immutable"), live.get("immutable"));
        }
        return false;
    }

    private static Map<?, ?> orEmpty(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /**
     * SHA-256 of what the user asked for: the whole object except status and the metadata the
     * server or this deploy sets, with map keys in a canonical order. Called before our own
     * annotations are added, so a rerun of the same manifest gives the same value.
     */
    static String fingerprint(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove("status");
        Map<String, Object> meta = new LinkedHashMap<>();
        if (body.get("metadata") instanceof Map<?, ?> m) {
            meta.put("namespace", m.get("namespace"));
            meta.put("labels", m.get("labels"));
            meta.put("annotations", m.get("annotations"));
        }
        copy.put("metadata", meta);
        try {
            byte[] json = CANONICAL.writeValueAsBytes(copy);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a manifest", e);
        }
    }
}
