package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@link ScaleManifestStep} as a freestyle build step. */
public class ScaleManifestBuilder extends ClusterStepBuilder {
    private ScaleManifestStep step;

    @DataBoundConstructor
    public ScaleManifestBuilder(ScaleManifestStep step) {
        this.step = step == null ? new ScaleManifestStep() : step;
    }

    public ScaleManifestStep getStep() {
        return step;
    }

    @Override
    protected ScaleManifestStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new ScaleManifestStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.ScaleManifestStep_DisplayName();
        }
    }
}
