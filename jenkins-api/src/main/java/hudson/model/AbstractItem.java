package hudson.model;

/** Partial implementation of {@link Item}. */
public abstract class AbstractItem extends Actionable implements Item {
    @Override
    public String getName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
