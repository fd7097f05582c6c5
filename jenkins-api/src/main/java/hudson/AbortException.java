package hudson;

import java.io.IOException;

/** Fails a build with a message and no stack trace. Real behaviour: it is just an IOException. */
public class AbortException extends IOException {
    public AbortException() {}

    public AbortException(String message) {
        super(message);
    }
}
