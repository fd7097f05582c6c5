package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest;
import io.jenkins.plugins.kubesteps.engine.manage.TargetSpec;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code patchManifest}: Spinnaker's Patch (Manifest) stage. Patches the target with a strategic
 * merge, JSON merge or JSON patch given as text ({@code patchBody}) or a workspace file ({@code
 * patchFile}); binds {@code artifacts} into a merge patch's images; waits until a workload is
 * stable.
 */
public class PatchManifestStep extends OperationStep {
    private static final long serialVersionUID = 1L;

    private String patchBody;
    private String patchFile;
    private String mergeStrategy;
    private String artifacts;
    private String requiredArtifacts;

    @DataBoundConstructor
    public PatchManifestStep() {}

    @Override
    protected String otherProblem() {
        if ((patchBody == null) == (patchFile == null)) {
            return Messages.PatchManifestStep_BodyXorFile();
        }
        String problem = FormSupport.workspaceFileProblem(patchFile);
        return problem != null ? problem : ArtifactList.problem(artifacts);
    }

    @Override
    protected boolean needsWorkspace() {
        return patchFile != null;
    }

    @Override
    protected OperationRequest request(TargetSpec target, FilePath workspace) throws IOException, InterruptedException {
        String text =
                patchBody != null ? patchBody : WorkspaceManifests.readFile(workspace, patchFile, "patchManifest");
        PatchRequest.Builder b = PatchRequest.builder()
                .target(target)
                .namespace(getNamespace())
                .type(PatchRequest.PatchType.parse(getMergeStrategy()))
                .patch(text, patchBody != null ? "patchBody" : patchFile)
                .waitForCompletion(isWaitForCompletion())
                .timeout(timeout());
        ArtifactList.entries(artifacts).forEach(e -> b.artifact(e.name(), e.reference()));
        ArtifactList.words(requiredArtifacts).forEach(b::requiredArtifact);
        return b.build();
    }

    @Override
    protected boolean hasInlineInput() {
        return patchBody != null;
    }

    @Override
    protected void dropInlineInput() {
        patchBody = null;
    }

    public String getPatchBody() {
        return patchBody;
    }

    @DataBoundSetter
    public void setPatchBody(String patchBody) {
        this.patchBody = trim(patchBody) == null ? null : patchBody;
    }

    public String getPatchFile() {
        return patchFile;
    }

    @DataBoundSetter
    public void setPatchFile(String patchFile) {
        this.patchFile = trim(patchFile);
    }

    public String getMergeStrategy() {
        return mergeStrategy == null ? "strategic" : mergeStrategy;
    }

    @DataBoundSetter
    public void setMergeStrategy(String mergeStrategy) {
        this.mergeStrategy = trim(mergeStrategy);
    }

    public String getArtifacts() {
        return artifacts;
    }

    @DataBoundSetter
    public void setArtifacts(String artifacts) {
        this.artifacts = trim(artifacts);
    }

    public String getRequiredArtifacts() {
        return requiredArtifacts;
    }

    @DataBoundSetter
    public void setRequiredArtifacts(String requiredArtifacts) {
        this.requiredArtifacts = trim(requiredArtifacts);
    }

    @Extension
    @Symbol("patchManifest")
    public static class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "patchManifest";
        }

        @Override
        public String getDisplayName() {
            return Messages.PatchManifestStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillMergeStrategyItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.PatchManifestStep_Strategy_strategic(), "strategic");
            items.add(Messages.PatchManifestStep_Strategy_merge(), "merge");
            items.add(Messages.PatchManifestStep_Strategy_json(), "json");
            return items;
        }

        @POST
        public FormValidation doCheckArtifacts(@AncestorInPath Item item, @QueryParameter String artifacts) {
            return FormSupport.check(item, ArtifactList.problem(artifacts));
        }

        @POST
        public FormValidation doCheckPatchFile(@AncestorInPath Item item, @QueryParameter String patchFile) {
            return FormSupport.check(item, FormSupport.workspaceFileProblem(patchFile));
        }
    }
}
