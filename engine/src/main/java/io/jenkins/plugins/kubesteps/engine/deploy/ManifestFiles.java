package io.jenkins.plugins.kubesteps.engine.deploy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Reads manifests from a file or a directory (not recursive, sorted by name, like kubectl -f DIR). */
public final class ManifestFiles {
    /**
     * Larger files are refused before they are read: the YAML loader would refuse them anyway (its
     * limit is in code points, this one in bytes, so this one is the looser of the two).
     */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private ManifestFiles() {}

    /**
     * The manifests of {@code path}: the file itself, or every {@code .yaml}, {@code .yml} and
     * {@code .json} file of the directory in name order. Any other file in the directory is an
     * error (a stray file usually means the wrong directory); hidden files and sub-directories are
     * skipped.
     */
    public static List<ManifestText> read(Path path) {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path + ": no such file or directory");
        }
        return List.of(readFile(path));
    }

    private static List<ManifestText> readDirectory(Path dir) {
        List<Path> files = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(p)) {
                    continue;
                }
                if (isManifestName(name)) {
                    files.add(p);
                } else {
                    strays.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (!strays.isEmpty()) {
            throw new InvalidInputException(dir + ": " + String.join(", ", strays)
                    + (strays.size() == 1 ? " is not a manifest" : " are not manifests")
                    + " (.yaml, .yml or .json); move " + (strays.size() == 1 ? "it" : "them")
                    + " out of the directory or name a single file");
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(dir + ": the directory holds no .yaml, .yml or .json file");
        }
        return files.stream().map(ManifestFiles::readFile).toList();
    }

    /** Whether a file of a directory is read as a manifest (the plugin lists workspace directories with it). */
    public static boolean isManifestName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    private static ManifestText readFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(file + ": cannot be read as a manifest: it is " + (size >> 20)
                        + " MiB, more than the " + (MAX_FILE_BYTES >> 20) + " MiB a manifest file may have");
            }
            return new ManifestText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + ": is not UTF-8 text; is it a manifest?");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
