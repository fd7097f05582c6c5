package hudson;

import java.util.Map;
import java.util.TreeMap;

/**
 * Environment variables. Real minimal behaviour, because plugin tests build environments:
 * keys are case-insensitive (like Windows and like Jenkins), null values are refused,
 * {@code PATH+XYZ} prepending is not implemented.
 */
public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    public EnvVars(Map<String, String> m) {
        this();
        putAll(m);
    }

    public EnvVars(EnvVars m) {
        this((Map<String, String>) m);
    }

    public EnvVars(String... keyValuePairs) {
        this();
        if (keyValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments: " + keyValuePairs.length);
        }
        for (int i = 0; i + 1 < keyValuePairs.length; i += 2) {
            put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
    }

    /** An empty value removes the variable, as in Jenkins. */
    public void override(String key, String value) {
        if (value == null || value.isEmpty()) {
            remove(key);
        } else {
            put(key, value);
        }
    }

    public EnvVars overrideAll(Map<String, String> all) {
        all.forEach(this::override);
        return this;
    }

    public String get(String key, String defaultValue) {
        String value = get(key);
        return value != null ? value : defaultValue;
    }

    @Override
    public String put(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + key + " cannot be null");
        }
        return super.put(key, value);
    }

    public void putIfNotNull(String key, String value) {
        if (value != null) {
            put(key, value);
        }
    }

    public void putAllNonNull(Map<String, String> map) {
        map.forEach(this::putIfNotNull);
    }

    /** Not implemented here: variable expansion needs core's macro resolver. */
    public String expand(String s) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
