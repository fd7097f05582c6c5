package hudson;

/**
 * Static helpers. The null/empty string helpers behave as in Jenkins (they are one-liners that
 * data-bound setters call, so plugin unit tests need them); everything else throws.
 */
public class Util {
    public static String fixNull(String s) {
        return s == null ? "" : s;
    }

    public static <T> T fixNull(T s, T defaultValue) {
        return s == null ? defaultValue : s;
    }

    public static String fixEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public static String fixEmptyAndTrim(String s) {
        return s == null ? null : fixEmpty(s.trim());
    }

    public static String escape(String text) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
