package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import hudson.FilePath;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubesteps.engine.manage.DeleteRequest;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.SelectorTarget;
import io.jenkins.plugins.kubesteps.engine.manage.TargetSpec;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code deleteManifest}: Spinnaker's Delete (Manifest) stage. Deletes the target, or every object
 * of {@code kind} matching {@code labelSelector}, with the cascade asked for, and waits until they
 * are gone (naming the finalizers that hold one).
 */
public class DeleteManifestStep extends OperationStep {
    private static final long serialVersionUID = 1L;

    private String kind;
    private String labelSelector;
    private String cascade;
    private Integer gracePeriodSeconds;

    @DataBoundConstructor
    public DeleteManifestStep() {}

    @Override
    protected String problem() {
        if (labelSelector == null && kind == null) {
            return super.problem();
        }
        if (labelSelector == null || kind == null || getTarget() != null || getCluster() != null) {
            return Messages.DeleteManifestStep_Selector();
        }
        return otherProblem();
    }

    @Override
    protected String otherProblem() {
        return gracePeriodSeconds != null && gracePeriodSeconds < 0 ? Messages.DeleteManifestStep_GracePeriod() : null;
    }

    @Override
    protected TargetSpec targetSpec() {
        return labelSelector != null ? new SelectorTarget(kind, labelSelector) : super.targetSpec();
    }

    @Override
    protected OperationRequest request(TargetSpec target, FilePath workspace) {
        return DeleteRequest.builder()
                .target(target)
                .namespace(getNamespace())
                .cascade(DeleteRequest.Cascade.parse(getCascade()))
                .gracePeriodSeconds(gracePeriodSeconds)
                .waitForCompletion(isWaitForCompletion())
                .timeout(timeout())
                .build();
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = trim(kind);
    }

    public String getLabelSelector() {
        return labelSelector;
    }

    @DataBoundSetter
    public void setLabelSelector(String labelSelector) {
        this.labelSelector = trim(labelSelector);
    }

    public String getCascade() {
        return cascade == null ? "background" : cascade;
    }

    @DataBoundSetter
    public void setCascade(String cascade) {
        this.cascade = trim(cascade);
    }

    public Integer getGracePeriodSeconds() {
        return gracePeriodSeconds;
    }

    @DataBoundSetter
    public void setGracePeriodSeconds(Integer gracePeriodSeconds) {
        this.gracePeriodSeconds = gracePeriodSeconds;
    }

    @Extension
    @Symbol("deleteManifest")
    public static class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "deleteManifest";
        }

        @Override
        public String getDisplayName() {
            return Messages.DeleteManifestStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillCascadeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.DeleteManifestStep_Cascade_background(), "background");
            items.add(Messages.DeleteManifestStep_Cascade_foreground(), "foreground");
            items.add(Messages.DeleteManifestStep_Cascade_orphan(), "orphan");
            return items;
        }
    }
}
