package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficAction;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code enableServerGroup}: Spinnaker's Enable (Manifest) stage; see {@link TrafficStep}. */
public class EnableServerGroupStep extends TrafficStep {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public EnableServerGroupStep() {}

    @Override
    protected TrafficAction action() {
        return TrafficAction.ENABLE;
    }

    @Extension
    @Symbol("enableServerGroup")
    public static class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "enableServerGroup";
        }

        @Override
        public String getDisplayName() {
            return Messages.EnableServerGroupStep_DisplayName();
        }
    }
}
