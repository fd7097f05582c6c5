package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.ScaleRequest;
import io.jenkins.plugins.kubesteps.engine.manage.TargetSpec;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code scaleManifest}: Spinnaker's Scale (Manifest) stage: sets the replicas of a Deployment, ReplicaSet or StatefulSet, then waits until it is stable. */
public class ScaleManifestStep extends OperationStep {
    private static final long serialVersionUID = 1L;

    private Integer replicas;

    public Integer getReplicas() {
        return replicas;
    }

    @DataBoundSetter
    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    @DataBoundConstructor
    public ScaleManifestStep() {}

    @Override
    protected String otherProblem() {
        return replicas == null || replicas < 0 ? Messages.ScaleManifestStep_Replicas() : null;
    }

    @Override
    protected OperationRequest request(TargetSpec target, FilePath workspace) {
        return ScaleRequest.builder()
                .target(target)
                .namespace(getNamespace())
                .replicas(replicas)
                .waitForCompletion(isWaitForCompletion())
                .timeout(timeout())
                .build();
    }

    @Extension
    @Symbol("scaleManifest")
    public static class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "scaleManifest";
        }

        @Override
        public String getDisplayName() {
            return Messages.ScaleManifestStep_DisplayName();
        }
    }
}
