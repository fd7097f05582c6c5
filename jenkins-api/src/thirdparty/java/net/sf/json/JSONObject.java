package net.sf.json;

import java.util.Map;

/**
 * Declared from json-lib (Jenkins uses org.kohsuke.stapler:json-lib 2.4-jenkins-15, not on
 * Maven Central): the submitted form that {@code Descriptor.configure} receives.
 */
public final class JSONObject {
    public static JSONObject fromObject(Object object) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Object get(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getString(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String optString(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String optString(String key, String defaultValue) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean getBoolean(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean optBoolean(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public JSONObject getJSONObject(String key) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public JSONObject element(String key, Object value) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Map<String, Object> toMap() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
