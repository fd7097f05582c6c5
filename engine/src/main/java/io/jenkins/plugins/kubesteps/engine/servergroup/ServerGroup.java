package io.jenkins.plugins.kubesteps.engine.servergroup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kubesteps.engine.kube.Annotations;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One live member of a moniker cluster, with what the criteria compare.
 *
 * @param created creationTimestamp; only to the second, so versions deployed in one second tie
 * @param sequence {@code moniker.spinnaker.io/sequence}, or null
 * @param nameVersion the {@code NNN} of a {@code -vNNN} name, or null
 * @param replicas {@code spec.replicas} (1 when unset, as the API defaults it; 1 for a Pod)
 */
public record ServerGroup(
        String name,
        Instant created,
        Integer sequence,
        Integer nameVersion,
        int replicas,
        GenericKubernetesResource live) {
    private static final Pattern VERSION = Pattern.compile("-v(\\d{3,})$");

    /**
     * Newest first. Ties in creationTimestamp (same second) are broken by moniker sequence, then by
     * the name's version, then by name, so the order never depends on the order the server listed.
     */
    public static final Comparator<ServerGroup> NEWEST_FIRST = Comparator.comparing(
                    ServerGroup::created, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(ServerGroup::sequence, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
            .thenComparing(ServerGroup::nameVersion, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
            .thenComparing(ServerGroup::name)
            .reversed();

    public static ServerGroup of(GenericKubernetesResource r) {
        var meta = r.getMetadata();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        return new ServerGroup(
                meta.getName(),
                instant(meta.getCreationTimestamp()),
                integer(annotations.get(Annotations.SEQUENCE)),
                nameVersion(meta.getName()),
                replicas(r),
                r);
    }

    static Integer nameVersion(String name) {
        Matcher m = VERSION.matcher(name == null ? "" : name);
        return m.find() ? integer(m.group(1)) : null;
    }

    private static int replicas(GenericKubernetesResource r) {
        if ("Pod".equals(r.getKind())) {
            return 1;
        }
        return r.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                        && spec.get("replicas") instanceof Number n
                ? n.intValue()
                : 1;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
