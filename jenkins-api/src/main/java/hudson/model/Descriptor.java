package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Metadata of a {@link Describable}. Constructors do nothing and {@link #load()}/{@link #save()}
 * are no-ops so that plugin unit tests can create descriptors; nothing is ever persisted here.
 */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {}

    protected Descriptor() {}

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Class<T> getT() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getDescriptorUrl() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getCheckUrl(String fieldName) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getHelpFile() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getHelpFile(final String fieldName) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getConfigPage() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getGlobalConfigPage() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public synchronized void save() {}

    public synchronized void load() {}

    /** A form submission problem tied to one field. */
    public static final class FormException extends Exception {
        public FormException(String message, String formField) {
            super(message);
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
        }

        public String getFormField() {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    }
}
