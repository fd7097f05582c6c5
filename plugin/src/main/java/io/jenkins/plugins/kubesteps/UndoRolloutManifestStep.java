package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.TargetSpec;
import io.jenkins.plugins.kubesteps.engine.manage.UndoRolloutRequest;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code undoRolloutManifest}: Spinnaker's Undo Rollout (Manifest) stage: rolls a Deployment back to a revision (by default the previous one), then waits until it is stable. */
public class UndoRolloutManifestStep extends OperationStep {
    private static final long serialVersionUID = 1L;

    private Integer revision;
    private Integer numRevisionsBack;

    public Integer getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(Integer revision) {
        this.revision = revision;
    }

    public Integer getNumRevisionsBack() {
        return numRevisionsBack;
    }

    @DataBoundSetter
    public void setNumRevisionsBack(Integer numRevisionsBack) {
        this.numRevisionsBack = numRevisionsBack;
    }

    @DataBoundConstructor
    public UndoRolloutManifestStep() {}

    @Override
    protected String otherProblem() {
        return revision != null && numRevisionsBack != null ? Messages.UndoRolloutManifestStep_OneOf() : null;
    }

    @Override
    protected OperationRequest request(TargetSpec target, FilePath workspace) {
        return UndoRolloutRequest.builder()
                .target(target)
                .namespace(getNamespace())
                .revision(revision)
                .revisionsBack(numRevisionsBack)
                .waitForCompletion(isWaitForCompletion())
                .timeout(timeout())
                .build();
    }

    @Extension
    @Symbol("undoRolloutManifest")
    public static class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "undoRolloutManifest";
        }

        @Override
        public String getDisplayName() {
            return Messages.UndoRolloutManifestStep_DisplayName();
        }
    }
}
