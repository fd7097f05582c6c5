package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Job's external log link: annotation {@code job.spinnaker.io/logs} (or {@code
 * jobs.spinnaker.io/logs}) with {@code {{ path }}} placeholders resolved against the live Job.
 */
public final class LogLink {
    public static final String ANNOTATION = "job.spinnaker.io/logs";
    public static final String ANNOTATION_ALT = "jobs.spinnaker.io/logs";

    private LogLink() {}

    /** Empty when there is no annotation, or (with a warning) when the result is not http(s). */
    public static Optional<String> resolve(Job liveJob, Consumer<String> warnings) {
        throw new UnsupportedOperationException("not built yet");
    }
}
