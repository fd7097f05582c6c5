package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.ConfigMapKey;
import io.jenkins.plugins.kubesteps.engine.job.JobHandle;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import org.jenkinsci.Symbol;
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
public class RunK8sJobStep extends ManifestStep<JobResult> {
    private static final long serialVersionUID = 1L;

    static final int DEFAULT_TIMEOUT_MINUTES = (int) JobRequest.DEFAULT_TIMEOUT.toMinutes();

    private String container;
    private Boolean logs;
    private String cleanup;
    private String outputConfigMap;
    private String envPrefix;
    private Boolean propagate;
    private Boolean allowIncompleteOutputs;
    private Boolean activeDeadline;

    @DataBoundConstructor
    public RunK8sJobStep() {}

    /**
     * What a resumed run needs: the engine's handle. Not the manifest: it may hold rendered secrets,
     * and the Job it described exists already.
     */
    private record Saved(JobHandle handle) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    protected String otherProblem() {
        return FormSupport.envPrefixProblem(envPrefix);
    }

    @Override
    protected int defaultTimeoutMinutes() {
        return DEFAULT_TIMEOUT_MINUTES;
    }

    @Override
    protected String startingStatus() {
        return Messages.RunK8sJobStep_Starting();
    }

    @Override
    protected Running<JobResult> begin(KubernetesClient client, Run<?, ?> run, FilePath workspace, Console console)
            throws IOException, InterruptedException {
        String text = readManifest(workspace, "runK8sJob");
        return following(new JobRunner(client).start(toRequest(text, run), console));
    }

    @Override
    protected Running<JobResult> resume(KubernetesClient client, Serializable handle, Run<?, ?> run, Console console)
            throws IOException {
        Saved saved = (Saved) handle;
        return following(new JobRunner(client).resume(saved.handle(), toRequest(null, run), console));
    }

    private static Running<JobResult> following(RunningJob job) {
        return new Running<>(
                () -> Messages.RunK8sJobStep_Waiting(job.job()),
                () -> new Saved(job.handle()),
                job.result(),
                job::cancel,
                job::detach);
    }

    /** Records the Job on the build (page and environment); the outputs are the return value. */
    @Override
    protected Object finish(Run<?, ?> run, TaskListener listener, JobResult result) throws AbortException {
        var outputs = JobOutcome.record(run, listener, result, this);
        if (JobOutcome.fails(result, this)) {
            throw new AbortException(JobOutcome.failureDetail(result));
        }
        return outputs;
    }

    /**
     * The engine request; annotations on the Job say which build created it.
     *
     * @param manifestText null when resuming: the Job exists, only the options of following it count
     */
    JobRequest toRequest(String manifestText, Run<?, ?> run) throws AbortException {
        JobRequest.Builder b = JobRequest.builder()
                .manifest(manifestText, manifestSource())
                .namespace(getNamespace())
                .timeout(Duration.ofMinutes(getTimeout()))
                .container(container)
                .streamLogs(isLogs())
                .allowIncompleteOutputs(isAllowIncompleteOutputs())
                .activeDeadline(isActiveDeadline());
        BuildAnnotations.of(run).forEach(b::annotation);
        try {
            b.cleanup(CleanupPolicy.parse(getCleanup()));
            if (outputConfigMap != null) {
                b.outputConfigMap(ConfigMapKey.parse(outputConfigMap));
            }
        } catch (RuntimeException e) { // InvalidInputException: its message is written for users
            throw new AbortException(e.getMessage());
        }
        return b.build();
    }

    public String getContainer() {
        return container;
    }

    @DataBoundSetter
    public void setContainer(String container) {
        this.container = trim(container);
    }

    public boolean isLogs() {
        return logs == null || logs;
    }

    @DataBoundSetter
    public void setLogs(boolean logs) {
        this.logs = logs;
    }

    public String getCleanup() {
        return cleanup == null ? CleanupPolicy.TTL.id() : cleanup;
    }

    @DataBoundSetter
    public void setCleanup(String cleanup) {
        this.cleanup = trim(cleanup);
    }

    public String getOutputConfigMap() {
        return outputConfigMap;
    }

    @DataBoundSetter
    public void setOutputConfigMap(String outputConfigMap) {
        this.outputConfigMap = trim(outputConfigMap);
    }

    public String getEnvPrefix() {
        return envPrefix;
    }

    @DataBoundSetter
    public void setEnvPrefix(String envPrefix) {
        this.envPrefix = trim(envPrefix);
    }

    public boolean isPropagate() {
        return propagate == null || propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    public boolean isAllowIncompleteOutputs() {
        return allowIncompleteOutputs != null && allowIncompleteOutputs;
    }

    @DataBoundSetter
    public void setAllowIncompleteOutputs(boolean allowIncompleteOutputs) {
        this.allowIncompleteOutputs = allowIncompleteOutputs;
    }

    public boolean isActiveDeadline() {
        return activeDeadline == null || activeDeadline;
    }

    @DataBoundSetter
    public void setActiveDeadline(boolean activeDeadline) {
        this.activeDeadline = activeDeadline;
    }

    @Extension
    @Symbol("runK8sJob")
    public static class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "runK8sJob";
        }

        @Override
        public String getDisplayName() {
            return Messages.RunK8sJobStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillCleanupItems() {
            return FormSupport.cleanupItems();
        }

        @POST
        public FormValidation doCheckEnvPrefix(@AncestorInPath Item item, @QueryParameter String envPrefix) {
            return FormSupport.check(item, FormSupport.envPrefixProblem(envPrefix));
        }
    }
}
