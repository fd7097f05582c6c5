package jenkins.model;

import hudson.ExtensionList;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * The controller. {@link #ADMINISTER} and {@link #READ} are null here (compile-only). Real
 * supertypes besides {@link AccessControlled} are left out.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;
    public static final Permission READ = null;

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Descriptor getDescriptor(String id) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T> ExtensionList<T> getExtensionList(Class<T> extensionType) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
