package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link PatchManifestStep} as a freestyle build step. */
public class PatchManifestBuilder extends ClusterStepBuilder {
    private PatchManifestStep step;

    @DataBoundConstructor
    public PatchManifestBuilder(PatchManifestStep step) {
        this.step = step == null ? new PatchManifestStep() : step;
    }

    public PatchManifestStep getStep() {
        return step;
    }

    @Override
    protected PatchManifestStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new PatchManifestStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.PatchManifestStep_DisplayName();
        }
    }
}
