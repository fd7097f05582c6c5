package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestFiles;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestText;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads manifests through the workspace, so a file on an agent is read where it is. The rules are
 * the CLI's ({@link ManifestFiles}): a file, or every {@code .yaml}, {@code .yml} and {@code .json}
 * file of a directory in name order, where any other file is an error.
 *
 * <p>Only files inside the workspace are read: on the built-in node anything else is the
 * controller's own files (its secrets, other jobs' workspaces), and whoever writes the workspace
 * (a pull request's symbolic link, say) is not always someone who may read those.
 */
final class WorkspaceManifests {
    /** Absolute on the agent's system, whichever it is: /x, \\host\x, C:\x, and C:x (another drive). */
    private static final Pattern ABSOLUTE = Pattern.compile("^([/\\\\]|[A-Za-z]:).*", Pattern.DOTALL);

    /** Both separators: an agent may be Windows. */
    private static final Pattern SEGMENTS = Pattern.compile("[/\\\\]");

    private WorkspaceManifests() {}

    /**
     * @param workspace null outside a {@code node} block
     * @param stepName the step, named when the workspace is missing
     * @return the file or directory as its real path, inside the workspace's real path
     */
    static FilePath resolve(FilePath workspace, String file, String stepName) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.WorkspaceManifests_NeedsWorkspace(file, stepName));
        }
        String problem = relativePathProblem(file);
        if (problem != null) {
            throw new AbortException(problem);
        }
        return confined(workspace, workspace.child(file), file);
    }

    /** Why {@code file} is no relative path inside the workspace (absolute, or with a {@code ..}), or null. */
    static String relativePathProblem(String file) {
        if (ABSOLUTE.matcher(file).matches()) {
            return Messages.WorkspaceManifests_NotRelative(file);
        }
        for (String segment : SEGMENTS.split(file)) {
            if (segment.equals("..")) {
                return Messages.WorkspaceManifests_NotRelative(file);
            }
        }
        return null;
    }

    /**
     * {@code path} with its symbolic links resolved where it is (on the agent), refused when that
     * leaves the workspace's real path. The caller reads the returned real path, so a link changed
     * after this check is not followed again.
     *
     * @param shown names the file in the message
     */
    private static FilePath confined(FilePath workspace, FilePath path, String shown)
            throws IOException, InterruptedException {
        String real = path.act(new RealPathInside(workspace.getRemote()));
        if (real == null) {
            throw new AbortException(Messages.WorkspaceManifests_Outside(shown));
        }
        if (real.isEmpty()) {
            throw new AbortException(Messages.WorkspaceManifests_Missing(shown));
        }
        return new FilePath(path.getChannel(), real);
    }

    /** The file's real path if it lies in the workspace's real path, else null. */
    private static final class RealPathInside extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String workspace;

        RealPathInside(String workspace) {
            this.workspace = workspace;
        }

        /**
         * @return the real path; "" when the file is simply missing inside the workspace; null when
         *     it lies behind a link that leads out, or to nothing. Missing and outside are told
         *     apart only inside the workspace, so the answer never says whether a path beyond a
         *     link exists.
         */
        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            if (!Files.isDirectory(Path.of(workspace))) {
                return ""; // nothing checked out yet: every file is missing
            }
            Path root = Path.of(workspace).toRealPath();
            Path nearest = f.toPath();
            while (nearest != null && !Files.exists(nearest, LinkOption.NOFOLLOW_LINKS)) {
                nearest = nearest.getParent();
            }
            if (nearest == null) {
                return "";
            }
            Path real;
            try {
                real = nearest.toRealPath();
            } catch (NoSuchFileException e) {
                return null; // a link to nothing
            }
            if (!real.startsWith(root)) {
                return null;
            }
            return nearest.equals(f.toPath()) ? real.toString() : "";
        }
    }

    /** One file's text, strictly UTF-8: a binary file is an error naming it, never a garbled manifest. */
    static String readFile(FilePath workspace, String file, String stepName) throws IOException, InterruptedException {
        FilePath path = resolve(workspace, file, stepName);
        if (path.isDirectory()) {
            throw new AbortException(Messages.WorkspaceManifests_IsDirectory(file, stepName));
        }
        return read(path, file);
    }

    /** The manifests of a file or of a directory. */
    static List<ManifestText> readAll(FilePath workspace, String file, String stepName)
            throws IOException, InterruptedException {
        FilePath path = resolve(workspace, file, stepName);
        if (!path.isDirectory()) {
            return List.of(new ManifestText(file, read(path, file)));
        }
        List<FilePath> children = new ArrayList<>(path.list());
        children.sort(Comparator.comparing(FilePath::getName));
        List<ManifestText> texts = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        for (FilePath child : children) {
            String name = child.getName();
            if (name.startsWith(".") || child.isDirectory()) {
                continue;
            }
            if (ManifestFiles.isManifestName(name)) {
                String source = file.replaceAll("/+$", "") + "/" + name;
                texts.add(new ManifestText(source, read(confined(workspace, child, source), source)));
            } else {
                strays.add(name);
            }
        }
        if (!strays.isEmpty()) {
            throw new AbortException(Messages.WorkspaceManifests_Strays(file, String.join(", ", strays)));
        }
        if (texts.isEmpty()) {
            throw new AbortException(Messages.WorkspaceManifests_Empty(file));
        }
        return texts;
    }

    private static String read(FilePath path, String source) throws IOException, InterruptedException {
        try (InputStream in = path.read()) {
            return TextInput.read(in, source);
        }
    }
}
