package hudson.model;

import hudson.EnvVars;

/** An action that adds variables to the environment of its {@link Run}. */
public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(Run<?, ?> run, EnvVars env) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
