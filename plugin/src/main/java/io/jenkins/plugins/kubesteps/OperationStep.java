package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.manage.ClusterTarget;
import io.jenkins.plugins.kubesteps.engine.manage.ManifestOperations;
import io.jenkins.plugins.kubesteps.engine.manage.OperationFailure;
import io.jenkins.plugins.kubesteps.engine.manage.OperationHandle;
import io.jenkins.plugins.kubesteps.engine.manage.OperationRequest;
import io.jenkins.plugins.kubesteps.engine.manage.OperationResult;
import io.jenkins.plugins.kubesteps.engine.manage.RunningOperation;
import io.jenkins.plugins.kubesteps.engine.manage.StaticTarget;
import io.jenkins.plugins.kubesteps.engine.manage.TargetSpec;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Spinnaker's lifecycle stages on a target (Delete, Scale, Undo Rollout, Patch): the engine
 * resolves the target when the step starts, makes the change, then waits until the target is gone
 * or stable. The step returns the objects acted on ({@code kind}, {@code namespace}, {@code name}).
 */
public abstract class OperationStep extends TargetStep<OperationResult> {
    private static final long serialVersionUID = 1L;

    private Boolean waitForCompletion;

    /** The engine request for {@code target}, with this step's own options. */
    protected abstract OperationRequest request(TargetSpec target, FilePath workspace)
            throws IOException, InterruptedException;

    /** The step's own problem beyond the target, or null. */
    protected abstract String otherProblem();

    @Override
    protected String problem() {
        String problem = targetProblem();
        return problem == null ? otherProblem() : problem;
    }

    /** What the step acts on, as the engine takes it. */
    protected TargetSpec targetSpec() {
        return getTarget() != null
                ? StaticTarget.parse(getTarget(), "target")
                : new ClusterTarget(getCluster(), Criteria.parse(getCriteria()), getApplication());
    }

    @Override
    protected int defaultTimeoutMinutes() {
        return (int) OperationRequest.DEFAULT_TIMEOUT.toMinutes();
    }

    @Override
    protected boolean needsWorkspace() {
        return false;
    }

    @Override
    protected String startingStatus() {
        return Messages.OperationStep_Starting();
    }

    /** The timeout, as the engine takes it. */
    protected Duration timeout() {
        return Duration.ofMinutes(getTimeout());
    }

    @Override
    protected Running<OperationResult> begin(
            KubernetesClient client, Run<?, ?> run, FilePath workspace, Console console)
            throws IOException, InterruptedException {
        return following(new ManifestOperations(client).start(request(targetSpec(), workspace), console));
    }

    @Override
    protected Running<OperationResult> resume(
            KubernetesClient client, Serializable handle, Run<?, ?> run, Console console) {
        return following(new ManifestOperations(client).resume((OperationHandle) handle, console));
    }

    private static Running<OperationResult> following(RunningOperation operation) {
        return new Running<>(
                Messages::OperationStep_Waiting,
                operation::handle,
                operation.result(),
                operation::cancel,
                operation::detach);
    }

    /** The engine has printed what it did; the objects acted on are the return value. */
    @Override
    protected Object finish(Run<?, ?> run, TaskListener listener, OperationResult result) throws AbortException {
        if (!result.succeeded()) {
            OperationFailure f = result.failure();
            throw new AbortException(
                    Messages.ClusterStep_Failed(result.status(), f == null ? "" : f.reason() + ": " + f.message()));
        }
        return JobOutcome.plain(result.targetMaps());
    }

    public boolean isWaitForCompletion() {
        return waitForCompletion == null || waitForCompletion;
    }

    @DataBoundSetter
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }
}
