package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.EnvVars;
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
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.tasks.SimpleBuildStep;

/**
 * A {@link ClusterStep} as a freestyle build step. The builder holds the step, so a step's
 * parameters, form, help and checks are declared once (the builder's form is {@code <f:property
 * field="step"/>}). The build's executor waits anyway, so this waits for the engine's result; the
 * Pipeline step is the one that survives a controller restart.
 */
public abstract class ClusterStepBuilder extends Builder implements SimpleBuildStep {

    /**
     * The step this builder runs. Subclasses keep it in a field of its own type (for XStream) with
     * a getter of that type, {@code getStep()}, which the form binds; it is not declared here,
     * because a covariant override makes bean introspection pick either type, and the form then
     * looks for a descriptor of the abstract class.
     */
    protected abstract ClusterStep<?> step();

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        perform(step(), run, workspace, listener);
    }

    /** A failure's message may quote the cluster or a pod: it reaches the console cleaned. */
    private static <R> void perform(ClusterStep<R> step, Run<?, ?> run, FilePath workspace, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            performUncleaned(step, run, workspace, listener);
        } catch (IOException | RuntimeException e) {
            Throwable shown = ConsoleText.failure(e);
            if (shown instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) shown;
        }
    }

    private static <R> void performUncleaned(
            ClusterStep<R> step, Run<?, ?> run, FilePath workspace, TaskListener listener)
            throws InterruptedException, IOException {
        step.validate();
        try (ClientCache.Lease lease = ConnectionResolver.lease(step, run)) {
            ClusterStep.Running<R> running = step.begin(
                    lease.client(), run, step.needsWorkspace() ? workspace : null, new JenkinsConsole(listener));
            R result;
            try {
                result = running.result().get();
            } catch (InterruptedException e) {
                // The build was aborted: the work must not go on on its own.
                running.cancel().accept(Messages.ClusterStepExecution_Stopped(Messages.ClusterStepBuilder_Aborted()));
                awaitLastWords(running);
                throw e;
            }
            step.finish(run, listener, result);
        } catch (EngineException e) {
            throw new AbortException(e.getMessage());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AbortException(cause instanceof EngineException ? cause.getMessage() : String.valueOf(cause));
        }
    }

    /** The engine's last lines say what it left on the cluster: let them reach the console, briefly. */
    private static void awaitLastWords(ClusterStep.Running<?> running) {
        try {
            running.result().get(ClusterStepExecution.STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the build ends aborted anyway
        }
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    /** Every freestyle project may use every step. */
    public abstract static class Descriptor extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }
    }
}
