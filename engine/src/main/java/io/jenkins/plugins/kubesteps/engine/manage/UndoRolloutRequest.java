package io.jenkins.plugins.kubesteps.engine.manage;

import java.time.Duration;

/**
 * Undo Rollout (Manifest): puts a Deployment's pod template back to that of an earlier revision.
 * Exactly one of {@code revision} and {@code revisionsBack} is given.
 *
 * @param revision the {@code deployment.kubernetes.io/revision} to go back to
 * @param revisionsBack 1 is the revision before the current one (kubectl rollout undo's default)
 */
public record UndoRolloutRequest(
        TargetSpec target,
        String namespace,
        Integer revision,
        Integer revisionsBack,
        boolean waitForCompletion,
        Duration timeout)
        implements OperationRequest {

    public UndoRolloutRequest {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: wait until stable, 30 minutes; one revision back when neither is given. */
    public static final class Builder extends OperationRequest.Builder<Builder> {
        private Integer revision;
        private Integer revisionsBack;

        public Builder revision(Integer revision) {
            this.revision = revision;
            return this;
        }

        public Builder revisionsBack(Integer revisionsBack) {
            this.revisionsBack = revisionsBack;
            return this;
        }

        public UndoRolloutRequest build() {
            return new UndoRolloutRequest(
                    target,
                    namespace,
                    revision,
                    revision == null && revisionsBack == null ? Integer.valueOf(1) : revisionsBack,
                    waitForCompletion,
                    timeout);
        }
    }
}
