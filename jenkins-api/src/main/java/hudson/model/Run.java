package hudson.model;

import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import org.springframework.security.access.AccessDeniedException;

/** One build of a {@link Job}. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled {
    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public final Charset getCharset() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException, AccessDeniedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
