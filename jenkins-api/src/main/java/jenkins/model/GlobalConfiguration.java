package jenkins.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/** A section of "Manage Jenkins » System"; it is its own descriptor. */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {}

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public String getGlobalConfigPage() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static ExtensionList<GlobalConfiguration> all() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
