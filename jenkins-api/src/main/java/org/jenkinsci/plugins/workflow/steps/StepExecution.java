package org.jenkinsci.plugins.workflow.steps;

import io.jenkins.plugins.kubesteps.jenkinsapi.ApiState;
import java.io.Serializable;

/**
 * A running step. Real minimal behaviour, because plugin tests drive executions with a fake
 * context: the context is kept, {@link #stop} reports the cause through it, and the other
 * hooks do what Jenkins' defaults do. The context is kept in {@link ApiState} because the real
 * field is private (it is not serialized here; unit tests do not need that).
 */
public abstract class StepExecution implements Serializable {
    @Deprecated
    protected StepExecution() {}

    protected StepExecution(StepContext context) {
        ApiState.put(this, context);
    }

    public StepContext getContext() {
        StepContext context = ApiState.get(this);
        if (context == null) {
            throw new IllegalStateException("this execution was created without a StepContext");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {}

    public String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }
}
