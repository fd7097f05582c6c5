package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code runK8sJob}: Spinnaker's "Run Job (Manifest)" stage as a Pipeline step. Creates the Job,
 * streams its logs, waits without holding a thread, and returns the outputs its containers
 * printed. Every parameter is optional in the constructor because which ones are needed depends
 * on each other (manifest or file, account or credentials).
 */
public class RunK8sJobStep extends Step {
    private final JobSettings settings;

    @DataBoundConstructor
    public RunK8sJobStep() {
        this(new JobSettings());
    }

    RunK8sJobStep(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new RunK8sJobExecution(context, settings);
    }

    JobSettings settings() {
        return settings;
    }

    // The accessors below only delegate; JobSettings documents and checks each value.

    public String getAccount() {
        return settings.getAccount();
    }

    @DataBoundSetter
    public void setAccount(String account) {
        settings.setAccount(account);
    }

    public String getCredentialsId() {
        return settings.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        settings.setCredentialsId(credentialsId);
    }

    public String getServerUrl() {
        return settings.getServerUrl();
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        settings.setServerUrl(serverUrl);
    }

    public String getCaCertificate() {
        return settings.getCaCertificate();
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        settings.setCaCertificate(caCertificate);
    }

    public boolean isSkipTlsVerify() {
        return settings.isSkipTlsVerify();
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        settings.setSkipTlsVerify(skipTlsVerify);
    }

    public String getNamespace() {
        return settings.getNamespace();
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        settings.setNamespace(namespace);
    }

    public String getManifest() {
        return settings.getManifest();
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        settings.setManifest(manifest);
    }

    public String getFile() {
        return settings.getFile();
    }

    @DataBoundSetter
    public void setFile(String file) {
        settings.setFile(file);
    }

    public String getContainer() {
        return settings.getContainer();
    }

    @DataBoundSetter
    public void setContainer(String container) {
        settings.setContainer(container);
    }

    public int getTimeout() {
        return settings.getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        settings.setTimeout(timeout);
    }

    public boolean isLogs() {
        return settings.isLogs();
    }

    @DataBoundSetter
    public void setLogs(boolean logs) {
        settings.setLogs(logs);
    }

    public String getCleanup() {
        return settings.getCleanup();
    }

    @DataBoundSetter
    public void setCleanup(String cleanup) {
        settings.setCleanup(cleanup);
    }

    public String getOutputConfigMap() {
        return settings.getOutputConfigMap();
    }

    @DataBoundSetter
    public void setOutputConfigMap(String outputConfigMap) {
        settings.setOutputConfigMap(outputConfigMap);
    }

    public String getEnvPrefix() {
        return settings.getEnvPrefix();
    }

    @DataBoundSetter
    public void setEnvPrefix(String envPrefix) {
        settings.setEnvPrefix(envPrefix);
    }

    public boolean isPropagate() {
        return settings.isPropagate();
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        settings.setPropagate(propagate);
    }

    public boolean isAllowIncompleteOutputs() {
        return settings.isAllowIncompleteOutputs();
    }

    @DataBoundSetter
    public void setAllowIncompleteOutputs(boolean allowIncompleteOutputs) {
        settings.setAllowIncompleteOutputs(allowIncompleteOutputs);
    }

    public boolean isActiveDeadline() {
        return settings.isActiveDeadline();
    }

    @DataBoundSetter
    public void setActiveDeadline(boolean activeDeadline) {
        settings.setActiveDeadline(activeDeadline);
    }

    @Extension
    @Symbol("runK8sJob")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "runK8sJob";
        }

        @Override
        public String getDisplayName() {
            return Messages.RunK8sJobStep_DisplayName();
        }

        /** No FilePath: a workspace is needed only to read {@code file}, and says so when missing. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        // The form methods delegate to FormSupport, which the freestyle builder shares.

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
        public ListBoxModel doFillCleanupItems() {
            return FormSupport.cleanupItems();
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

        @POST
        public FormValidation doCheckEnvPrefix(@AncestorInPath Item item, @QueryParameter String envPrefix) {
            return FormSupport.check(item, FormSupport.envPrefixProblem(envPrefix));
        }

        @POST
        public FormValidation doCheckCredentialsId(
                @AncestorInPath Item item, @QueryParameter String credentialsId, @QueryParameter String account) {
            return FormSupport.check(item, FormSupport.connectionProblem(account, credentialsId));
        }
    }
}
