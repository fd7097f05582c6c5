package hudson.model;

/** Convenience base class; deprecated in core since 2.505, still the supertype of workflow's {@code Step}. */
@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
