package hudson.security;

import org.springframework.security.core.Authentication;

/**
 * Access control list. {@link #SYSTEM2} is null here (compile-only: the real value is a Spring
 * token built by core).
 */
public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    public final void checkPermission(Permission p) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public final boolean hasPermission(Permission p) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean hasPermission2(Authentication a, Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
