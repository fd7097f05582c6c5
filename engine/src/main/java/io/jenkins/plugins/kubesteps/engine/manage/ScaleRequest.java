package io.jenkins.plugins.kubesteps.engine.manage;

import java.time.Duration;

/** Scale (Manifest): sets the replicas of a Deployment, ReplicaSet or StatefulSet. */
public record ScaleRequest(
        TargetSpec target, String namespace, int replicas, boolean waitForCompletion, Duration timeout)
        implements OperationRequest {

    public ScaleRequest {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: wait until stable, 30 minutes; replicas must be given. */
    public static final class Builder extends OperationRequest.Builder<Builder> {
        private int replicas = -1;

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public ScaleRequest build() {
            return new ScaleRequest(target, namespace, replicas, waitForCompletion, timeout);
        }
    }
}
