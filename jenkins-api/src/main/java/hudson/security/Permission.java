package hudson.security;

/** A permission; instances come from core and plugins (for us, as constants of Item, Jenkins, CredentialsProvider). */
public final class Permission {
    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static Permission fromId(String id) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
