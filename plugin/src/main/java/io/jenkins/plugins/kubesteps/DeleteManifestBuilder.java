package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link DeleteManifestStep} as a freestyle build step. */
public class DeleteManifestBuilder extends ClusterStepBuilder {
    private DeleteManifestStep step;

    @DataBoundConstructor
    public DeleteManifestBuilder(DeleteManifestStep step) {
        this.step = step == null ? new DeleteManifestStep() : step;
    }

    public DeleteManifestStep getStep() {
        return step;
    }

    @Override
    protected DeleteManifestStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new DeleteManifestStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.DeleteManifestStep_DisplayName();
        }
    }
}
