package io.jenkins.plugins.kubesteps;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * A {@link ClusterStep} that acts on live objects: one named object ({@code target: 'deployment
 * web'}, Spinnaker's {@code kind name}), or one server group of a moniker cluster chosen when the
 * step starts ({@code cluster: 'replicaSet frontend', criteria: 'second_newest'}). The fields are
 * declared here once; their form is the {@code targetFields} tag, their help is beside this class.
 */
public abstract class TargetStep<R> extends ClusterStep<R> {
    private static final long serialVersionUID = 1L;

    private String target;
    private String cluster;
    private String criteria;
    private String application;

    protected String targetProblem() {
        return targetProblem(target, cluster, criteria);
    }

    /** Exactly one of target and cluster, and a criteria with a cluster; blank means not given. */
    static String targetProblem(String target, String cluster, String criteria) {
        boolean hasTarget = trim(target) != null;
        boolean hasCluster = trim(cluster) != null;
        if (hasTarget == hasCluster) {
            return Messages.TargetStep_TargetXorCluster();
        }
        if (hasCluster && trim(criteria) == null) {
            return Messages.TargetStep_CriteriaNeeded(cluster.strip());
        }
        return null;
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = trim(target);
    }

    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = trim(cluster);
    }

    public String getCriteria() {
        return criteria;
    }

    @DataBoundSetter
    public void setCriteria(String criteria) {
        this.criteria = trim(criteria);
    }

    public String getApplication() {
        return application;
    }

    @DataBoundSetter
    public void setApplication(String application) {
        this.application = trim(application);
    }
}
