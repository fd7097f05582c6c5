package hudson.model;

/** Something configurable whose metadata lives in a {@link Descriptor}. */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
