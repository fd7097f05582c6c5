package io.jenkins.plugins.kubesteps.engine.kube;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Kubernetes' rules for label and annotation keys and label values, so what we add to a manifest
 * is accepted at create time rather than failing the build there.
 */
public final class KubeLabels {
    /** Marks what we create, so people (and later cleanups) can tell it apart. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    public static final String MANAGED_BY = "kubesteps";

    /** Who server-side apply and our patches say wrote a field, so conflicts name us. */
    public static final String FIELD_MANAGER = "kubernetes-manifest-steps";

    static final int MAX_VALUE = 63;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern INVALID_RUN = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern EDGE = Pattern.compile("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$");

    private KubeLabels() {}

    /** Whether {@code key} is a valid label or annotation key: optional DNS-subdomain prefix and "/", then a name. */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return name.length() <= MAX_VALUE && NAME.matcher(name).matches();
    }

    /**
     * @param what "label" or "annotation", for the message
     * @throws InvalidInputException naming the key and the rule it breaks
     */
    public static void checkKey(String key, String what) {
        if (!isValidKey(key)) {
            throw new InvalidInputException(what + " key '" + key + "' is not valid in Kubernetes: use an optional"
                    + " DNS prefix and '/' (e.g. example.com/) followed by at most 63 letters, digits, '-', '_'"
                    + " or '.', starting and ending with a letter or digit");
        }
    }

    public static boolean isValidValue(String value) {
        return value != null
                && (value.isEmpty()
                        || (value.length() <= MAX_VALUE && NAME.matcher(value).matches()));
    }

    /**
     * Makes any text a valid label value, deterministically: each run of characters outside {@code
     * [A-Za-z0-9._-]} becomes one {@code -}, leading and trailing characters other than letters and
     * digits are dropped, and a result longer than 63 characters keeps its first 54 characters
     * followed by {@code -} and 8 hex digits of the original's SHA-256, so distinct long values stay
     * distinct. Valid values are returned unchanged; {@code null} becomes empty.
     */
    public static String sanitizeValue(String value) {
        if (value == null) {
            return "";
        }
        if (isValidValue(value)) {
            return value;
        }
        String s = trimEdges(INVALID_RUN.matcher(value).replaceAll("-"));
        if (s.length() > MAX_VALUE) {
            s = trimEdges(s.substring(0, MAX_VALUE - 9)) + "-" + shortHash(value);
        }
        return s;
    }

    /** Whether {@code name} is a valid namespace name (an RFC 1123 label). */
    public static boolean isValidNamespace(String name) {
        return name != null
                && name.length() <= MAX_VALUE
                && DNS_LABEL.matcher(name).matches();
    }

    private static String trimEdges(String s) {
        return EDGE.matcher(s).replaceAll("");
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
