package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestFiles;
import io.jenkins.plugins.kubesteps.engine.deploy.ManifestText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads manifests through the workspace, so a file on an agent is read where it is. The rules are
 * the CLI's ({@link ManifestFiles}): a file, or every {@code .yaml}, {@code .yml} and {@code .json}
 * file of a directory in name order, where any other file is an error.
 */
final class WorkspaceManifests {
    private WorkspaceManifests() {}

    /**
     * @param workspace null outside a {@code node} block
     * @param stepName the step, named when the workspace is missing
     */
    static FilePath resolve(FilePath workspace, String file, String stepName) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.WorkspaceManifests_NeedsWorkspace(file, stepName));
        }
        FilePath path = workspace.child(file);
        if (!path.exists()) {
            throw new AbortException(Messages.WorkspaceManifests_Missing(file));
        }
        return path;
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
                texts.add(new ManifestText(source, read(child, source)));
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
