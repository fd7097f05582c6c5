package hudson.tasks;

/** Synchronisation a build step needs with earlier builds; plugins that need none return NONE. */
public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
