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
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployFailure;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployHandle;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployRequest;
import io.jenkins.plugins.kubesteps.engine.deploy.DeployResult;
import io.jenkins.plugins.kubesteps.engine.deploy.Deployer;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestText;
import io.jenkins.plugins.kubesteps.engine.deploy.Monikers;
import io.jenkins.plugins.kubesteps.engine.deploy.RunningDeploy;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficManagement;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code deployManifest}: Spinnaker's "Deploy (Manifest)" stage as a Pipeline step. Binds the
 * images a build made into the manifests, versions ReplicaSets, ConfigMaps and Secrets, applies
 * everything server-side in dependency order and waits, on watches, until every object is stable.
 * Returns the deployed objects as a list of maps; exports nothing to the environment.
 */
public class DeployManifestStep extends ManifestStep<DeployResult> {
    private static final long serialVersionUID = 1L;

    static final int DEFAULT_TIMEOUT_MINUTES = (int) DeployRequest.DEFAULT_TIMEOUT.toMinutes();

    private String artifacts;
    private String requiredArtifacts;
    private Boolean bindArtifacts;
    private String application;
    private Boolean forceConflicts;
    private Boolean waitForStable;
    private Boolean waitForLoadBalancers;
    private String trafficServices;
    private String strategy;
    private Boolean scaleDown;

    @DataBoundConstructor
    public DeployManifestStep() {}

    @Override
    protected String otherProblem() {
        String problem = ArtifactList.problem(artifacts);
        if (problem == null && !isWaitForStable() && !"none".equals(getStrategy())) {
            problem = Messages.DeployManifestStep_StrategyNeedsWait(getStrategy());
        }
        return problem;
    }

    @Override
    protected int defaultTimeoutMinutes() {
        return DEFAULT_TIMEOUT_MINUTES;
    }

    @Override
    protected String startingStatus() {
        return Messages.DeployManifestStep_Starting();
    }

    @Override
    protected Running<DeployResult> begin(KubernetesClient client, Run<?, ?> run, FilePath workspace, Console console)
            throws IOException, InterruptedException {
        return following(
                new Deployer(client).start(toRequest(readManifests(workspace, "deployManifest"), run), console));
    }

    @Override
    protected Running<DeployResult> resume(
            KubernetesClient client, Serializable handle, Run<?, ?> run, Console console) {
        return following(new Deployer(client).resume((DeployHandle) handle, console));
    }

    private static Running<DeployResult> following(RunningDeploy deploy) {
        return new Running<>(
                Messages::DeployManifestStep_Waiting, deploy::handle, deploy.result(), deploy::cancel, deploy::detach);
    }

    /** The engine has printed each object and the outcome; the objects are the return value. */
    @Override
    protected Object finish(Run<?, ?> run, TaskListener listener, DeployResult result) throws AbortException {
        if (!result.succeeded()) {
            DeployFailure f = result.failure();
            throw new AbortException(Messages.DeployManifestStep_Failed(
                    result.status(), f == null ? "" : f.reason() + ": " + f.message()));
        }
        return JobOutcome.plain(result.objectMaps());
    }

    DeployRequest toRequest(List<ManifestText> texts, Run<?, ?> run) throws AbortException {
        DeployRequest.Builder b = DeployRequest.builder()
                .manifests(texts)
                .namespace(getNamespace())
                .bindArtifacts(isBindArtifacts())
                .application(
                        application != null
                                ? application
                                : Monikers.dnsSafe(run.getParent().getName()))
                .forceConflicts(isForceConflicts())
                .waitForStable(isWaitForStable())
                .waitForLoadBalancers(isWaitForLoadBalancers())
                .timeout(Duration.ofMinutes(getTimeout()))
                .trafficServices(ArtifactList.words(trafficServices))
                .scaleDown(isScaleDown());
        try {
            b.strategy(TrafficManagement.Strategy.parse(getStrategy()));
            ArtifactList.entries(artifacts).forEach(e -> b.artifact(e.name(), e.reference()));
            ArtifactList.words(requiredArtifacts).forEach(b::requiredArtifact);
        } catch (EngineException e) {
            throw new AbortException(e.getMessage());
        }
        return b.build();
    }

    public String getArtifacts() {
        return artifacts;
    }

    @DataBoundSetter
    public void setArtifacts(String artifacts) {
        this.artifacts = trim(artifacts);
    }

    public String getRequiredArtifacts() {
        return requiredArtifacts;
    }

    @DataBoundSetter
    public void setRequiredArtifacts(String requiredArtifacts) {
        this.requiredArtifacts = trim(requiredArtifacts);
    }

    public boolean isBindArtifacts() {
        return bindArtifacts == null || bindArtifacts;
    }

    @DataBoundSetter
    public void setBindArtifacts(boolean bindArtifacts) {
        this.bindArtifacts = bindArtifacts;
    }

    public String getApplication() {
        return application;
    }

    @DataBoundSetter
    public void setApplication(String application) {
        this.application = trim(application);
    }

    public boolean isForceConflicts() {
        return forceConflicts != null && forceConflicts;
    }

    @DataBoundSetter
    public void setForceConflicts(boolean forceConflicts) {
        this.forceConflicts = forceConflicts;
    }

    public boolean isWaitForStable() {
        return waitForStable == null || waitForStable;
    }

    @DataBoundSetter
    public void setWaitForStable(boolean waitForStable) {
        this.waitForStable = waitForStable;
    }

    public boolean isWaitForLoadBalancers() {
        return waitForLoadBalancers != null && waitForLoadBalancers;
    }

    @DataBoundSetter
    public void setWaitForLoadBalancers(boolean waitForLoadBalancers) {
        this.waitForLoadBalancers = waitForLoadBalancers;
    }

    public String getTrafficServices() {
        return trafficServices;
    }

    @DataBoundSetter
    public void setTrafficServices(String trafficServices) {
        this.trafficServices = trim(trafficServices);
    }

    public String getStrategy() {
        return strategy == null ? "none" : strategy;
    }

    @DataBoundSetter
    public void setStrategy(String strategy) {
        this.strategy = trim(strategy);
    }

    public boolean isScaleDown() {
        return scaleDown != null && scaleDown;
    }

    @DataBoundSetter
    public void setScaleDown(boolean scaleDown) {
        this.scaleDown = scaleDown;
    }

    @Extension
    @Symbol("deployManifest")
    public static class DescriptorImpl extends ClusterStepDescriptor {
        @Override
        public String getFunctionName() {
            return "deployManifest";
        }

        @Override
        public String getDisplayName() {
            return Messages.DeployManifestStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillStrategyItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.DeployManifestStep_Strategy_none(), "none");
            items.add(Messages.DeployManifestStep_Strategy_redblack(), "redblack");
            items.add(Messages.DeployManifestStep_Strategy_highlander(), "highlander");
            return items;
        }

        @POST
        public FormValidation doCheckArtifacts(@AncestorInPath Item item, @QueryParameter String artifacts) {
            return FormSupport.check(item, ArtifactList.problem(artifacts));
        }
    }
}
