package hudson.tasks;

/** Supplies {@link BuildStep}'s legacy methods to {@link Builder}. */
@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {}
