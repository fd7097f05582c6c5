package io.jenkins.plugins.kubesteps.jenkinsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;

/**
 * The declarations that behave for real in plugin unit tests must behave like Jenkins' classes,
 * or those tests would pass here and the plugin fail in Jenkins.
 */
class ValueTypesTest {
    @Test
    void envVarsKeysAreCaseInsensitiveAndNullValuesRefused() {
        EnvVars env = new EnvVars("Path", "/bin");
        assertThat(env.get("PATH")).isEqualTo("/bin");
        env.override("path", "");
        assertThat(env).isEmpty();
        assertThatThrownBy(() -> env.put("X", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretKeepsItsTextAndComparesByIt() {
        Secret a = Secret.fromString("s3cr3t");
        assertThat(a.getPlainText()).isEqualTo("s3cr3t");
        assertThat(a).isEqualTo(Secret.fromString("s3cr3t")).isNotEqualTo(Secret.fromString("other"));
        assertThat(Secret.fromString(null).getPlainText()).isEmpty();
        assertThat(Secret.toString(null)).isEmpty();
    }

    @Test
    void resultsAreOrderedFromSuccessToAborted() {
        assertThat(Result.FAILURE.isWorseThan(Result.UNSTABLE)).isTrue();
        assertThat(Result.SUCCESS.isBetterThan(Result.UNSTABLE)).isTrue();
        assertThat(Result.ABORTED.isCompleteBuild()).isFalse();
        assertThat(Result.FAILURE.isCompleteBuild()).isTrue();
        assertThat(Result.fromString("aborted")).isSameAs(Result.ABORTED);
        assertThat(Result.NOT_BUILT).hasToString("NOT_BUILT");
        assertThat(Result.combine(Result.SUCCESS, Result.FAILURE)).isSameAs(Result.FAILURE);
    }

    @Test
    void formValidationCarriesKindAndMessage() {
        FormValidation error = FormValidation.error("bad %s", "value");
        assertThat(error.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(error.getMessage()).isEqualTo("bad value");
        assertThat(FormValidation.warning("hm").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(FormValidation.ok().kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void stepExecutionKeepsItsContextAndStopFailsIt() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        StepContext context = new RecordingContext(failures);
        StepExecution execution = new StepExecution(context) {
            @Override
            public boolean start() {
                return false;
            }
        };
        assertThat(execution.getContext()).isSameAs(context);
        IllegalStateException cause = new IllegalStateException("aborted");
        execution.stop(cause);
        assertThat(failures).containsExactly(cause);
    }

    /** Just enough of a StepContext: records failures. */
    private static final class RecordingContext extends StepContext {
        private final transient List<Throwable> failures;

        RecordingContext(List<Throwable> failures) {
            this.failures = failures;
        }

        @Override
        public void onFailure(Throwable t) {
            failures.add(t);
        }

        @Override
        public void onSuccess(Object result) {}

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public com.google.common.util.concurrent.ListenableFuture<Void> saveState() {
            return null;
        }

        @Override
        public void setResult(Result r) {}

        @Override
        public org.jenkinsci.plugins.workflow.steps.BodyInvoker newBodyInvoker() {
            throw new IllegalStateException("no body");
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
