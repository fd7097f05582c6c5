package hudson.model;

import hudson.ExtensionPoint;

/** A project that has {@link Run}s. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {
    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
