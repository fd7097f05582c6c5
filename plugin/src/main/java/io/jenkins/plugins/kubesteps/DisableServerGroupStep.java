package io.jenkins.plugins.kubesteps;

import hudson.Extension;
import io.jenkins.plugins.kubesteps.engine.servergroup.TrafficAction;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code disableServerGroup}: Spinnaker's Disable (Manifest) stage; see {@link TrafficStep}. */
public class DisableServerGroupStep extends TrafficStep {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public DisableServerGroupStep() {}

    @Override
    protected TrafficAction action() {
        return TrafficAction.DISABLE;
    }

    @Extension
    @Symbol("disableServerGroup")
    public static class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "disableServerGroup";
        }

        @Override
        public String getDisplayName() {
            return Messages.DisableServerGroupStep_DisplayName();
        }
    }
}
