package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link EnableServerGroupStep} as a freestyle build step. */
public class EnableServerGroupBuilder extends ClusterStepBuilder {
    private EnableServerGroupStep step;

    @DataBoundConstructor
    public EnableServerGroupBuilder(EnableServerGroupStep step) {
        this.step = step == null ? new EnableServerGroupStep() : step;
    }

    public EnableServerGroupStep getStep() {
        return step;
    }

    @Override
    protected EnableServerGroupStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new EnableServerGroupStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.EnableServerGroupStep_DisplayName();
        }
    }
}
