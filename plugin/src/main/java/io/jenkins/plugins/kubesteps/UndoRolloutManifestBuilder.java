package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link UndoRolloutManifestStep} as a freestyle build step. */
public class UndoRolloutManifestBuilder extends ClusterStepBuilder {
    private UndoRolloutManifestStep step;

    @DataBoundConstructor
    public UndoRolloutManifestBuilder(UndoRolloutManifestStep step) {
        this.step = step == null ? new UndoRolloutManifestStep() : step;
    }

    public UndoRolloutManifestStep getStep() {
        return step;
    }

    @Override
    protected UndoRolloutManifestStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new UndoRolloutManifestStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.UndoRolloutManifestStep_DisplayName();
        }
    }
}
