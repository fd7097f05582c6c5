package io.jenkins.plugins.kubesteps;

import hudson.FilePath;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestText;
import java.io.IOException;
import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A {@link ClusterStep} that takes manifests: as text ({@code manifest}) or from the workspace
 * ({@code file}), exactly one of the two. Each step has its own help for both, since what the
 * manifests must hold differs.
 */
public abstract class ManifestStep<R> extends ClusterStep<R> {
    private static final long serialVersionUID = 1L;

    private String manifest;
    private String file;

    /** The step's own problem beyond the manifest source, or null. */
    protected abstract String otherProblem();

    @Override
    protected final String problem() {
        String problem = FormSupport.manifestSourceProblem(manifest, file);
        return problem == null ? otherProblem() : problem;
    }

    @Override
    protected boolean needsWorkspace() {
        return file != null;
    }

    /** Where messages say the manifest came from: "manifest" or the file's path. */
    protected String manifestSource() {
        return manifest != null ? "manifest" : file;
    }

    /** The one manifest text: inline, or the workspace file (a directory is refused). */
    protected String readManifest(FilePath workspace, String stepName) throws IOException, InterruptedException {
        return manifest != null ? manifest : WorkspaceManifests.readFile(workspace, file, stepName);
    }

    /** The manifest texts: inline, or the workspace file or directory. */
    protected List<ManifestText> readManifests(FilePath workspace, String stepName)
            throws IOException, InterruptedException {
        return manifest != null
                ? List.of(new ManifestText("manifest", manifest))
                : WorkspaceManifests.readAll(workspace, file, stepName);
    }

    @Override
    protected boolean hasInlineInput() {
        return manifest != null;
    }

    @Override
    protected void dropInlineInput() {
        manifest = null;
    }

    public String getManifest() {
        return manifest;
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        this.manifest = trim(manifest) == null ? null : manifest;
    }

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = trim(file);
    }
}
