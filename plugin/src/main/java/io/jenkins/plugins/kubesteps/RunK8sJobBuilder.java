package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import io.jenkins.plugins.kubesteps.accounts.ClientCache;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * "Run Kubernetes Job" for freestyle projects. The build's executor waits anyway, so this waits
 * for the engine's result; outputs reach later build steps as environment variables through
 * {@link K8sJobAction}. Pipelines should use {@code runK8sJob}, which returns the outputs and
 * survives a controller restart.
 */
public class RunK8sJobBuilder extends Builder implements SimpleBuildStep {
    /** Every parameter, declared once: the builder's form is the step's form. */
    private RunK8sJobStep step;

    /** Where builders saved their parameters before they held the step; moved by {@link #readResolve}. */
    @Deprecated
    private JobSettings settings;

    @DataBoundConstructor
    public RunK8sJobBuilder(RunK8sJobStep step) {
        this.step = step == null ? new RunK8sJobStep() : step;
    }

    public RunK8sJobStep getStep() {
        return step;
    }

    /** XStream leaves fields missing from a config.xml null: fall back to the documented defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new RunK8sJobStep(settings == null ? new JobSettings() : settings);
        }
        settings = null;
        return this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        JobSettings settings = step.settings();
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
    }
}
