package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/** "Deploy Kubernetes manifests" for freestyle projects: {@link DeployManifestStep} as a build step. */
public class DeployManifestBuilder extends ClusterStepBuilder {
    private DeployManifestStep step;

    @DataBoundConstructor
    public DeployManifestBuilder(DeployManifestStep step) {
        this.step = step == null ? new DeployManifestStep() : step;
    }

    public DeployManifestStep getStep() {
        return step;
    }

    @Override
    protected DeployManifestStep step() {
        return step;
    }

    /** A config.xml written by hand may lack the step: the documented defaults apply. */
    protected Object readResolve() {
        if (step == null) {
            step = new DeployManifestStep();
        }
        return this;
    }

    @Extension
    public static class DescriptorImpl extends ClusterStepBuilder.Descriptor {
        @Override
        public String getDisplayName() {
            return Messages.DeployManifestBuilder_DisplayName();
        }
    }
}
