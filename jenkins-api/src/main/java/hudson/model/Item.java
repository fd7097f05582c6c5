package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * A job, folder or other top-level thing. The permission constants are null here: this module is
 * compile-only and {@link Permission} instances need Jenkins' permission registry.
 */
public interface Item extends AccessControlled {
    ItemGroup<? extends Item> getParent();

    String getName();

    String getFullName();

    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    Permission CONFIGURE = null;
    Permission READ = null;
    Permission EXTENDED_READ = null;
    Permission BUILD = null;
}
