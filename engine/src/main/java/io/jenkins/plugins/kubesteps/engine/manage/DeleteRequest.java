package io.jenkins.plugins.kubesteps.engine.manage;

import java.time.Duration;

/**
 * Delete (Manifest): the target, or every object a {@link SelectorTarget} selects.
 *
 * @param cascade what happens to the objects the target owns (kubectl's {@code --cascade})
 * @param gracePeriodSeconds null: each object's own; 0 deletes pods at once
 */
public record DeleteRequest(
        TargetSpec target,
        String namespace,
        Cascade cascade,
        Integer gracePeriodSeconds,
        boolean waitForCompletion,
        Duration timeout)
        implements OperationRequest {

    public enum Cascade {
        /** The object goes at once, the garbage collector deletes what it owned afterwards. */
        BACKGROUND,
        /** The object stays (with the foregroundDeletion finalizer) until what it owns is gone. */
        FOREGROUND,
        /** What it owned stays, without owner. */
        ORPHAN;

        /** "background", "Foreground", ... */
        public static Cascade parse(String text) {
            for (Cascade c : values()) {
                if (c.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return c;
                }
            }
            throw new io.jenkins.plugins.kubesteps.engine.InvalidInputException(
                    "cascade '" + text + "': write background, foreground or orphan");
        }
    }

    public DeleteRequest {
        cascade = cascade == null ? Cascade.BACKGROUND : cascade;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: background cascade, the objects' own grace period, wait until gone, 30 minutes. */
    public static final class Builder extends OperationRequest.Builder<Builder> {
        private Cascade cascade = Cascade.BACKGROUND;
        private Integer gracePeriodSeconds;

        public Builder cascade(Cascade cascade) {
            this.cascade = cascade;
            return this;
        }

        public Builder gracePeriodSeconds(Integer seconds) {
            this.gracePeriodSeconds = seconds;
            return this;
        }

        /** Every {@code kind} in the namespace whose labels match {@code labelSelector}. */
        public Builder selector(String kind, String labelSelector) {
            return target(new SelectorTarget(kind, labelSelector));
        }

        public DeleteRequest build() {
            return new DeleteRequest(target, namespace, cascade, gracePeriodSeconds, waitForCompletion, timeout);
        }
    }
}
