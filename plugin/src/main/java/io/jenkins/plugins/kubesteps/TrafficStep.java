package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.engine.Console;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.servergroup.RunningTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.ServerGroupTraffic;
import io.jenkins.plugins.kubesteps.engine.servergroup.TargetSpec;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficAction;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficFailure;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficHandle;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficRequest;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficResult;
import java.io.Serializable;
import java.time.Duration;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Spinnaker's Disable and Enable (Manifest) stages: take a server group (a ReplicaSet, or a bare
 * Pod) out of its Services or put it back, and wait until the Services' EndpointSlices say so.
 * The Services are the target's {@code traffic.spinnaker.io/load-balancers}, or {@code services}.
 */
public abstract class TrafficStep extends TargetStep<TrafficResult> {
    private static final long serialVersionUID = 1L;

    private String services;

    protected abstract TrafficAction action();

    @Override
    protected String problem() {
        return targetProblem();
    }

    @Override
    protected int defaultTimeoutMinutes() {
        return (int) TrafficRequest.DEFAULT_TIMEOUT.toMinutes();
    }

    @Override
    protected boolean needsWorkspace() {
        return false;
    }

    @Override
    protected String startingStatus() {
        return Messages.TrafficStep_Starting();
    }

    @Override
    protected Running<TrafficResult> begin(
            KubernetesClient client, Run<?, ?> run, FilePath workspace, Console console) {
        TargetSpec spec = getTarget() != null
                ? TargetSpec.named(getNamespace(), getTarget())
                : TargetSpec.dynamic(getNamespace(), getCluster(), Criteria.parse(getCriteria()), getApplication());
        TrafficRequest request =
                new TrafficRequest(action(), spec, ArtifactList.words(services), Duration.ofMinutes(getTimeout()));
        return following(new ServerGroupTraffic(client).start(request, console));
    }

    @Override
    protected Running<TrafficResult> resume(
            KubernetesClient client, Serializable handle, Run<?, ?> run, Console console) {
        return following(new ServerGroupTraffic(client).resume((TrafficHandle) handle, console));
    }

    private static Running<TrafficResult> following(RunningTraffic traffic) {
        return new Running<>(
                Messages::TrafficStep_Waiting, traffic::handle, traffic.result(), traffic::cancel, traffic::detach);
    }

    /** The engine has printed what changed; the result as a Map is the return value. */
    @Override
    protected Object finish(Run<?, ?> run, TaskListener listener, TrafficResult result) throws AbortException {
        if (!result.succeeded()) {
            TrafficFailure f = result.failure();
            throw new AbortException(
                    Messages.ClusterStep_Failed(result.status(), f == null ? "" : f.reason() + ": " + f.message()));
        }
        return JobOutcome.plain(result.toMap());
    }

    public String getServices() {
        return services;
    }

    @DataBoundSetter
    public void setServices(String services) {
        this.services = trim(services);
    }
}
