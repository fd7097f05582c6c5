package hudson.util;

import io.jenkins.plugins.kubesteps.jenkinsapi.ApiState;
import java.io.IOException;

/**
 * Result of a form field check. Real minimal behaviour: {@link #kind} and {@link #getMessage()}
 * are readable by tests. Unlike Jenkins, the message is kept as given (Jenkins HTML-escapes it);
 * {@link #renderHtml()} returns it unchanged. The real constructors are private, so none is
 * declared: the kind reaches the field initializer through {@link ApiState#handOff}.
 */
public abstract class FormValidation extends IOException {
    /** Severity of the result. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind = ApiState.takeHandOff();

    public static FormValidation error(String message) {
        return respond(Kind.ERROR, message);
    }

    public static FormValidation warning(String message) {
        return respond(Kind.WARNING, message);
    }

    public static FormValidation ok(String message) {
        return respond(Kind.OK, message);
    }

    public static FormValidation ok() {
        return respond(Kind.OK, null);
    }

    public static FormValidation error(String format, Object... args) {
        return error(String.format(format, args));
    }

    public static FormValidation warning(String format, Object... args) {
        return warning(String.format(format, args));
    }

    public static FormValidation ok(String format, Object... args) {
        return ok(String.format(format, args));
    }

    public static FormValidation error(Throwable e, String message) {
        FormValidation v = error(message);
        v.initCause(e);
        return v;
    }

    public static FormValidation respond(Kind kind, final String html) {
        ApiState.handOff(kind);
        return new FormValidation() {
            @Override
            public String renderHtml() {
                return html;
            }

            @Override
            public String getMessage() {
                return html;
            }
        };
    }

    public abstract String renderHtml();
}
