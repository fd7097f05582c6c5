package io.jenkins.plugins.kubesteps.engine.manage;

import java.time.Duration;

/**
 * What every lifecycle operation request holds: the target, the namespace, whether to wait and for
 * how long. {@link DeleteRequest}, {@link ScaleRequest}, {@link UndoRolloutRequest}, {@link
 * PatchRequest}.
 */
public sealed interface OperationRequest permits DeleteRequest, ScaleRequest, UndoRolloutRequest, PatchRequest {
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    TargetSpec target();

    /** null: the connection's default namespace. */
    String namespace();

    /** Wait until deleted / stable; false returns once the change is made. */
    boolean waitForCompletion();

    /** How long acting and waiting may take together. */
    Duration timeout();

    /** The options all operations share; each request's builder adds its own. */
    abstract class Builder<B extends Builder<B>> {
        TargetSpec target;
        String namespace;
        boolean waitForCompletion = true;
        Duration timeout = DEFAULT_TIMEOUT;

        public B target(TargetSpec target) {
            this.target = target;
            return self();
        }

        /** {@code "deployment web"}: a {@link StaticTarget}. */
        public B target(String kindAndName) {
            return target(StaticTarget.parse(kindAndName, "target"));
        }

        public B namespace(String namespace) {
            this.namespace = namespace;
            return self();
        }

        public B waitForCompletion(boolean wait) {
            this.waitForCompletion = wait;
            return self();
        }

        public B timeout(Duration timeout) {
            this.timeout = timeout;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
