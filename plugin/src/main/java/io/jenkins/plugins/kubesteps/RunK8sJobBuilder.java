package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubesteps.accounts.ClientCache;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Run Kubernetes Job" for freestyle projects. The build's executor waits anyway, so this waits
 * for the engine's result; outputs reach later build steps as environment variables through
 * {@link K8sJobAction}. Pipelines should use {@code runK8sJob}, which returns the outputs and
 * survives a controller restart.
 */
public class RunK8sJobBuilder extends Builder implements SimpleBuildStep {
    /** Not final: XStream leaves it null when loading a config.xml that has no settings element. */
    private JobSettings settings = new JobSettings();

    @DataBoundConstructor
    public RunK8sJobBuilder() {}

    protected Object readResolve() {
        if (settings == null) {
            settings = new JobSettings();
        }
        return this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        settings.validate();
        String manifestText = settings.readManifest(workspace);
        try (ClientCache.Lease lease = ConnectionResolver.lease(settings, run)) {
            RunningJob job = new JobRunner(lease.client())
                    .start(settings.toRequest(manifestText, run), new JenkinsConsole(listener));
            JobResult result;
            try {
                result = job.result().get();
            } catch (InterruptedException e) {
                // The build was aborted: the Job must not keep running on its own.
                job.cancel(Messages.RunK8sJobExecution_Stopped(Messages.RunK8sJobBuilder_Aborted()));
                throw e;
            }
            JobOutcome.record(run, listener, result, settings);
            if (JobOutcome.fails(result, settings)) {
                throw new AbortException(JobOutcome.failureDetail(result));
            }
        } catch (EngineException e) {
            throw new AbortException(e.getMessage());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AbortException(cause instanceof EngineException ? cause.getMessage() : String.valueOf(cause));
        }
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
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

    @Extension
    public static class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.RunK8sJobBuilder_DisplayName();
        }

        /**
         * The fields are the step's (lib/kubesteps/jobFields.jelly), so is their help: one set of
         * help files instead of two copies that drift apart. The builder keeps its own help.html.
         */
        @Override
        public String getHelpFile(String fieldName) {
            if (fieldName == null) {
                return super.getHelpFile(null);
            }
            return Jenkins.get()
                    .getDescriptorByType(RunK8sJobStep.DescriptorImpl.class)
                    .getHelpFile(fieldName);
        }

        // Same form methods as the step's descriptor; both delegate to FormSupport.

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
