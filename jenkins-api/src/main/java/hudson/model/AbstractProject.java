package hudson.model;

/** A freestyle-style project; build step descriptors test applicability against its subclasses. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> {}
