package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link DisableServerGroupStep} as a freestyle build step. */
public class DisableServerGroupBuilder extends ClusterStepBuilder {
    private DisableServerGroupStep step;

    @DataBoundConstructor
    public DisableServerGroupBuilder(DisableServerGroupStep step) {
        this.step = step == null ? new DisableServerGroupStep() : step;
    }

    public DisableServerGroupStep getStep() {
        return step;
    }

    @Override
    protected DisableServerGroupStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new DisableServerGroupStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.DisableServerGroupStep_DisplayName();
        }
    }
}
