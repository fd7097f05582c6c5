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
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code runK8sJob}. Asynchronous: {@link #start()} hands the slow part (workspace
 * file, credentials, client, creating the Job) to {@link StepThreads} and returns at once, and the
 * engine's result future completes the step, so no Jenkins thread waits for the Job and the CPS
 * thread is never blocked. What is persisted with the Pipeline program is the settings (ids, not
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
    /**
     * Whether this JVM completed the step's context. Not saved: a restart must never find a step
     * that believes it is done while Pipeline still waits for it, so after a resume only a new
     * completion (the Job's end or an Abort) counts.
     */
    private transient AtomicBoolean completed = new AtomicBoolean();

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
        FilePath workspace = settings.getFile() == null ? null : context.get(FilePath.class);
        StepThreads.submit(() -> launch(() -> {
            manifestText = settings.readManifest(workspace);
            attach(run, listener, runner -> runner.start(settings.toRequest(manifestText, run), console(listener)));
        }));
        return false;
    }

    @Override
    public void onResume() {
        StepThreads.submit(() -> launch(() -> {
            if (handle == null) {
                throw new AbortException(Messages.RunK8sJobExecution_NothingToResume());
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            attach(
                    run,
                    listener,
                    runner -> runner.resume(handle, settings.toRequest(manifestText, run), console(listener)));
        }));
    }

    /** Abort: always ends the step, whatever state the Job or a restart left it in. */
    @Override
    public void stop(Throwable cause) throws Exception {
        boolean first = completed.compareAndSet(false, true);
        RunningJob r = running;
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

    private interface Work {
        void run() throws Exception;
    }

    private interface Launch {
        RunningJob launch(JobRunner runner) throws IOException;
    }

    /** Runs start or resume work on a start thread; a failure ends the step with a message for people. */
    private void launch(Work work) {
        try {
            work.run();
        } catch (EngineException e) {
            // Engine messages are written for people and never contain secrets; no stack trace.
            complete(() -> getContext().onFailure(new AbortException(e.getMessage())));
        } catch (Throwable e) {
            complete(() -> getContext().onFailure(e));
        }
    }

    /** Nothing reaches the console once the step is complete: the build may have moved on. */
    private JenkinsConsole console(TaskListener listener) {
        return new JenkinsConsole(listener, () -> completed.get());
    }

    /** Leases a client (credentials looked up now), starts or resumes, and follows the result. */
    private void attach(Run<?, ?> run, TaskListener listener, Launch launch) throws IOException {
        ClientCache.Lease l = ConnectionResolver.lease(settings, run);
        RunningJob r;
        try {
            r = launch.launch(new JobRunner(l.client()));
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
        RunningExecutions.add(this);
        r.result().whenComplete((result, error) -> finish(run, listener, result, error));
    }

    /** On an engine thread, once: records the Job and completes the step. */
    private void finish(Run<?, ?> run, TaskListener listener, JobResult result, Throwable error) {
        RunningExecutions.remove(this);
        ClientCache.Lease l = lease;
        if (l != null) {
            l.close();
        }
        if (completed.get()) {
            return; // stopped: Pipeline has moved on; nothing more is recorded or printed
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

    /**
     * Stops following the Job without touching it, because the controller is shutting down: the
     * positions saved next are then exactly the lines printed, so the resumed step repeats none.
     */
    void detach() {
        RunningJob r = running;
        if (r != null) {
            r.detach();
            handle = r.handle();
        }
    }

    private void complete(Runnable completion) {
        if (completed.compareAndSet(false, true)) {
            completion.run();
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        completed = new AtomicBoolean();
    }

    /** Saves where the logs are now; while Jenkins shuts down, stops them first so nothing is printed twice. */
    private void writeObject(ObjectOutputStream out) throws IOException {
        RunningJob r = running;
        if (r != null && !completed.get()) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (jenkins != null && jenkins.isTerminating()) {
                detach();
            } else {
                handle = r.handle();
            }
        }
        out.defaultWriteObject();
    }
}
