package io.jenkins.plugins.kubesteps;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form methods of the target fields ({@link TargetStep}), for every step that has them. */
public abstract class TargetStepDescriptor extends ClusterStepDescriptor {

    @POST
    public ListBoxModel doFillCriteriaItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.TargetStepDescriptor_NoCriteria(), "");
        for (Criteria c : Criteria.values()) {
            items.add(c.label(), c.label());
        }
        return items;
    }

    @POST
    public FormValidation doCheckCluster(
            @AncestorInPath Item item,
            @QueryParameter String target,
            @QueryParameter String cluster,
            @QueryParameter String criteria) {
        return FormSupport.check(item, TargetStep.targetProblem(target, cluster, criteria));
    }
}
