package hudson.model;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** The console of a build. Only {@link #getLogger()} is abstract, so tests can use a lambda. */
public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();

    default Charset getCharset() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default PrintWriter error(String msg) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default PrintWriter error(String format, Object... args) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default PrintWriter fatalError(String msg) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default PrintWriter fatalError(String format, Object... args) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
