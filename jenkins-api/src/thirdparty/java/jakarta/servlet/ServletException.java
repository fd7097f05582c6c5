package jakarta.servlet;

/** Declared from the Jakarta Servlet 5 API (jakarta.servlet-api 5.0.0, pinned by Jenkins 2.541.3's bom). */
public class ServletException extends Exception {
    public ServletException() {}

    public ServletException(String message) {
        super(message);
    }

    public ServletException(String message, Throwable rootCause) {
        super(message, rootCause);
    }

    public ServletException(Throwable rootCause) {
        super(rootCause);
    }
}
