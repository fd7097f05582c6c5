package hudson;

/** Starts processes on a node; only passed through by {@code SimpleBuildStep.perform}. */
public abstract class Launcher {}
