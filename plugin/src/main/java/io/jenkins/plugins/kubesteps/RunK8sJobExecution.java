package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubesteps.accounts.ClientCache;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.job.JobHandle;
import io.jenkins.plugins.kubesteps.engine.job.JobRef;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import io.jenkins.plugins.kubesteps.engine.job.JobRunner;
import io.jenkins.plugins.kubesteps.engine.job.RunningJob;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code runK8sJob}. Asynchronous: {@link #start()} returns once the Job exists, and
 * the engine's result future completes the step on an engine thread, so no Jenkins thread waits
 * for the Job. What is persisted with the Pipeline program is the settings (credentials ids, not
 * secrets), the manifest and the engine's {@link JobHandle}; the client and the running watch are
 * rebuilt by {@link #onResume()}.
 */
final class RunK8sJobExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    /** Kept because a resumed run needs the same request; it is the user's own input. */
    private String manifestText;
    /** Refreshed on every save, so a restart continues the logs where they were. */
    private JobHandle handle;

    private JobRef job;
    /** Set once the step's context was completed, by the Job's end or by {@link #stop}. */
    private final AtomicBoolean completed = new AtomicBoolean();

    private transient volatile RunningJob running;
    private transient volatile ClientCache.Lease lease;

    RunK8sJobExecution(StepContext context, JobSettings settings) {
        super(context);
        this.settings = settings;
    }

    @Override
    public boolean start() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        settings.validate();
        manifestText = settings.readManifest(settings.getFile() == null ? null : context.get(FilePath.class));
        attach(
                run,
                listener,
                runner -> runner.start(settings.toRequest(manifestText, run), new JenkinsConsole(listener)));
        return false;
    }

    @Override
    public void onResume() {
        try {
            if (handle == null) {
                throw new AbortException(Messages.RunK8sJobExecution_NothingToResume());
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            attach(
                    run,
                    listener,
                    runner ->
                            runner.resume(handle, settings.toRequest(manifestText, run), new JenkinsConsole(listener)));
        } catch (Exception e) {
            complete(() -> getContext().onFailure(e));
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        RunningJob r = running;
        // Completing first makes the CANCELLED result that cancel() produces only get recorded.
        boolean first = completed.compareAndSet(false, true);
        if (r != null) {
            r.cancel(Messages.RunK8sJobExecution_Stopped(String.valueOf(cause.getMessage())));
        }
        if (first) {
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        JobRef j = job;
        return j == null ? Messages.RunK8sJobExecution_Starting() : Messages.RunK8sJobExecution_Waiting(j);
    }

    private interface Launch {
        RunningJob launch(JobRunner runner) throws IOException;
    }

    /** Leases a client (credentials looked up now), starts or resumes, and follows the result. */
    private void attach(Run<?, ?> run, TaskListener listener, Launch launch) throws IOException {
        ClientCache.Lease l = ConnectionResolver.lease(settings, run);
        RunningJob r;
        try {
            r = launch.launch(new JobRunner(l.client()));
        } catch (EngineException e) {
            l.close();
            // Engine messages are written for people and never contain secrets; no stack trace.
            throw new AbortException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
        lease = l;
        running = r;
        job = r.job();
        handle = r.handle();
        if (completed.get()) {
            // stop() arrived while the Job was being created: it must not outlive the build.
            r.cancel(Messages.RunK8sJobExecution_Stopped("-"));
        }
        r.result().whenComplete((result, error) -> finish(run, listener, result, error));
    }

    /** On an engine thread, once: records the Job and completes the step. */
    private void finish(Run<?, ?> run, TaskListener listener, JobResult result, Throwable error) {
        ClientCache.Lease l = lease;
        if (l != null) {
            l.close();
        }
        try {
            if (error != null) {
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                complete(() -> getContext()
                        .onFailure(cause instanceof EngineException ? new AbortException(cause.getMessage()) : cause));
                return;
            }
            var outputs = JobOutcome.record(run, listener, result, settings);
            if (JobOutcome.fails(result, settings)) {
                complete(() -> getContext().onFailure(new AbortException(JobOutcome.failureDetail(result))));
            } else {
                complete(() -> getContext().onSuccess(outputs));
            }
        } catch (RuntimeException e) {
            complete(() -> getContext().onFailure(e));
        }
    }

    private void complete(Runnable completion) {
        if (completed.compareAndSet(false, true)) {
            completion.run();
        }
    }

    /** Saves where the logs are now, not where they were at start. */
    private void writeObject(ObjectOutputStream out) throws IOException {
        RunningJob r = running;
        if (r != null && !completed.get()) {
            handle = r.handle();
        }
        out.defaultWriteObject();
    }
}
