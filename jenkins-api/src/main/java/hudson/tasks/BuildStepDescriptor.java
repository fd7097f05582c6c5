package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Descriptor of a {@link Builder}; decides which project types offer the step. */
public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor(Class<? extends T> clazz) {}

    protected BuildStepDescriptor() {}

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
