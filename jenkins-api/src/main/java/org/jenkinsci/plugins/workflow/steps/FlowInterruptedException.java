package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Result;
import java.util.List;
import jenkins.model.CauseOfInterruption;

/** Interruption of a build or step with a result (ABORTED...) and causes. */
public final class FlowInterruptedException extends InterruptedException {
    @Deprecated
    public FlowInterruptedException(Result result, CauseOfInterruption... causes) {}

    public FlowInterruptedException(Result result, boolean actualInterruption, CauseOfInterruption... causes) {}

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public List<CauseOfInterruption> getCauses() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean isActualInterruption() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void setActualInterruption(boolean actualInterruption) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
