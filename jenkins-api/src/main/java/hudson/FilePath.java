package hudson;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** A file on the controller or an agent (for us: the workspace, to read manifest files). */
public final class FilePath implements SerializableOnlyOverRemoting {
    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public FilePath(FilePath base, String rel) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String readToString() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
