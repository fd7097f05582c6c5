package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * "Run Kubernetes Job" for freestyle projects; outputs reach later build steps as environment
 * variables through {@link K8sJobAction}. Pipelines should use {@code runK8sJob}, which returns
 * the outputs and survives a controller restart.
 */
public class RunK8sJobBuilder extends ClusterStepBuilder {
    private RunK8sJobStep step;

    @DataBoundConstructor
    public RunK8sJobBuilder(RunK8sJobStep step) {
        this.step = step == null ? new RunK8sJobStep() : step;
    }

    public RunK8sJobStep getStep() {
        return step;
    }

    @Override
    protected RunK8sJobStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new RunK8sJobStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.RunK8sJobBuilder_DisplayName();
        }
    }
}
