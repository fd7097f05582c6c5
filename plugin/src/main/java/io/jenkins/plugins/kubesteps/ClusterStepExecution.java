package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubesteps.accounts.ClientCache;
import io.jenkins.plugins.kubesteps.engine.Console;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A running step of this plugin. Asynchronous: {@link #start()} hands the slow part (workspace
 * file, credentials, client, the engine's start) to {@link StepThreads} and returns at once, and
 * the engine's result future completes the step, so no Jenkins thread waits for the cluster and
 * the CPS thread is never blocked. What is persisted with the Pipeline program is the step (ids,
 * not secrets) and the engine's handle; the client and the running watches are rebuilt by {@link
 * #onResume()}.
 */
final class ClusterStepExecution<R> extends StepExecution {
    private static final long serialVersionUID = 1L;
    static final long STOP_GRACE_SECONDS = 10;

    private final ClusterStep<R> step;
    /** Refreshed on every save, so a restart continues where the engine was (e.g. the logs). */
    private Serializable handle;

    private String status;
    /**
     * Whether this JVM completed the step's context. Not saved: a restart must never find a step
     * that believes it is done while Pipeline still waits for it, so after a resume only a new
     * completion (the engine's result or an Abort) counts.
     */
    private transient AtomicBoolean completed = new AtomicBoolean();

    private transient volatile ClusterStep.Running<R> running;
    private transient volatile ClientCache.Lease lease;
    /** Set by an Abort; the step then ends with it once the engine has said what it left behind. */
    private transient volatile Throwable stopCause;

    ClusterStepExecution(StepContext context, ClusterStep<R> step) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        step.validate();
        FilePath workspace = step.needsWorkspace() ? context.get(FilePath.class) : null;
        StepThreads.submit(() ->
                launch(() -> attach(run, listener, client -> step.begin(client, run, workspace, console(listener)))));
        return false;
    }

    @Override
    public void onResume() {
        StepThreads.submit(() -> launch(() -> {
            if (handle == null) {
                throw new AbortException(Messages.ClusterStepExecution_NothingToResume());
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            Serializable saved = handle;
            attach(run, listener, client -> step.resume(client, saved, run, console(listener)));
        }));
    }

    /** Abort: always ends the step, whatever state the engine or a restart left it in. */
    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        ClusterStep.Running<R> r = running;
        if (r == null) {
            complete(() -> getContext().onFailure(cause));
            return;
        }
        r.cancel().accept(Messages.ClusterStepExecution_Stopped(String.valueOf(cause.getMessage())));
        // The engine's last lines say what it left on the cluster; the step ends when they are
        // printed (finish), or after a short grace if the engine does not answer.
        Timer.get().schedule(() -> complete(() -> getContext().onFailure(cause)), STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String getStatus() {
        String s = status;
        return s == null ? step.startingStatus() : s;
    }

    private interface Work {
        void run() throws Exception;
    }

    private interface Launch<R> {
        ClusterStep.Running<R> launch(io.fabric8.kubernetes.client.KubernetesClient client)
                throws IOException, InterruptedException;
    }

    /** Runs start or resume work on a start thread; a failure ends the step with a message for people. */
    private void launch(Work work) {
        try {
            work.run();
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * Ends the step with a failure of its own (not an Abort). Its message may quote the cluster
     * or a pod; engine messages are written for people and never contain secrets (no stack trace).
     */
    private void fail(Throwable e) {
        complete(() -> getContext().onFailure(ConsoleText.failure(e)));
    }

    /** Nothing reaches the console once the step is complete: the build may have moved on. */
    private Console console(TaskListener listener) {
        return new JenkinsConsole(listener, () -> completed.get());
    }

    /** Leases a client (credentials looked up now), starts or resumes, and follows the result. */
    private void attach(Run<?, ?> run, TaskListener listener, Launch<R> launch)
            throws IOException, InterruptedException {
        ClientCache.Lease l = ConnectionResolver.lease(step, run);
        ClusterStep.Running<R> r;
        try {
            r = launch.launch(l.client());
        } catch (IOException | InterruptedException | RuntimeException e) {
            l.close();
            throw e;
        }
        lease = l;
        running = r;
        status = r.status().get();
        handle = r.handle().get();
        if (completed.get() || stopCause != null) {
            // stop() arrived while the engine was starting: its work must not outlive the build.
            r.cancel().accept(Messages.ClusterStepExecution_Stopped("-"));
        }
        RunningExecutions.add(this);
        r.result().whenComplete((result, error) -> finish(run, listener, result, error));
    }

    /** On an engine thread, once: records the result and completes the step. */
    private void finish(Run<?, ?> run, TaskListener listener, R result, Throwable error) {
        RunningExecutions.remove(this);
        ClientCache.Lease l = lease;
        if (l != null) {
            l.close();
        }
        if (completed.get()) {
            return; // stopped: Pipeline has moved on; nothing more is recorded or printed
        }
        Throwable stopped = stopCause;
        if (stopped != null) {
            complete(() -> getContext().onFailure(stopped));
            return;
        }
        try {
            if (error != null) {
                fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                return;
            }
            Object value = step.finish(run, listener, result);
            complete(() -> getContext().onSuccess(value));
        } catch (AbortException | RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Stops following without touching the cluster, because the controller is shutting down: the
     * positions saved next are then exactly the lines printed, so the resumed step repeats none.
     */
    void detach() {
        ClusterStep.Running<R> r = running;
        if (r != null) {
            r.detach().run();
            handle = r.handle().get();
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

    /** Saves where the engine is now; while Jenkins shuts down, stops it first so nothing is printed twice. */
    private void writeObject(ObjectOutputStream out) throws IOException {
        ClusterStep.Running<R> r = running;
        if (r != null && !completed.get()) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (RunningExecutions.isShuttingDown(jenkins)) {
                detach();
            } else {
                handle = r.handle().get();
            }
        }
        // the fields by hand, to save the step without its inline texts and leave the live one whole
        ObjectOutputStream.PutField fields = out.putFields();
        fields.put("step", step.forProgram());
        fields.put("handle", handle);
        fields.put("status", status);
        out.writeFields();
    }
}
