package io.jenkins.plugins.kubesteps;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form methods of the connection fields every {@link ClusterStep} shares (rendered by the
 * {@code clusterFields} tag; their help files are beside {@link ClusterStep}). Form rules are
 * functions of {@link FormSupport}, which the build-time validation calls too.
 */
public abstract class ClusterStepDescriptor extends StepDescriptor {

    /** No FilePath: a workspace is needed only to read a manifest file, and a step says so when missing. */
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String credentialsId, @QueryParameter String serverUrl) {
        return FormSupport.credentialsItems(item, credentialsId, serverUrl);
    }

    @POST
    public ListBoxModel doFillAccountItems(@AncestorInPath Item item, @QueryParameter String account) {
        return FormSupport.accountItems(item, account);
    }

    @POST
    public FormValidation doCheckCredentialsId(
            @AncestorInPath Item item, @QueryParameter String credentialsId, @QueryParameter String account) {
        return FormSupport.check(item, FormSupport.connectionProblem(account, credentialsId));
    }

    @POST
    public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter int timeout) {
        return FormSupport.check(item, FormSupport.timeoutProblem(timeout));
    }

    @POST
    public FormValidation doCheckFile(
            @AncestorInPath Item item, @QueryParameter String file, @QueryParameter String manifest) {
        return FormSupport.check(item, FormSupport.manifestSourceProblem(manifest, file));
    }
}
