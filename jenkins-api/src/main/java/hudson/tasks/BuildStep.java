package hudson.tasks;

/**
 * A step of a freestyle build. Its abstract methods (taking AbstractBuild and BuildListener) are
 * left out: plugin builders inherit them from {@link BuildStepCompatibilityLayer} via {@link Builder}.
 */
public interface BuildStep {
    default BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
