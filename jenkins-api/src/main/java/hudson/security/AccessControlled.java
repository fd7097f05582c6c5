package hudson.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** An object protected by an {@link ACL}. */
public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default void checkAnyPermission(Permission... permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default boolean hasAnyPermission(Permission... permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default boolean hasPermission2(Authentication a, Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
