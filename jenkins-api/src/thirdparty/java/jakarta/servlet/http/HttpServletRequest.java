package jakarta.servlet.http;

/**
 * Supertype of stapler's {@code StaplerRequest2} (Jakarta Servlet 5). Members are left out:
 * the plugin only receives requests through stapler-bound parameters.
 */
public interface HttpServletRequest {
    String getParameter(String name);

    String getMethod();
}
