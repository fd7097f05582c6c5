package io.jenkins.plugins.kubesteps.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine reads as layers: what every operation shares ({@code kube}, {@code connect},
 * {@code outputs}, {@code logs}, {@code watch} and the root package) never reaches into an
 * operation's package, and no two packages need each other. Read from the sources' own imports
 * and qualified names, so a cycle fails the build the day it is written.
 */
class PackageCyclesTest {
    private static final String ENGINE = "io.jenkins.plugins.kubesteps.engine";
    private static final Set<String> SHARED = Set.of(
            ENGINE, ENGINE + ".kube", ENGINE + ".connect", ENGINE + ".outputs", ENGINE + ".logs", ENGINE + ".watch");
    private static final Pattern REFERENCE =
            Pattern.compile("\\b(io\\.jenkins\\.plugins\\.kubesteps(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Package -> the packages of this project it refers to, from every main source file under {@code roots}. */
    static Map<String, Set<String>> packageArrows(List<Path> roots) {
        Map<String, Set<String>> arrows = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String from = root.relativize(file.getParent()).toString().replace('/', '.');
                    Set<String> to = arrows.computeIfAbsent(from, k -> new TreeSet<>());
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        if (!m.group(1).equals(from)) {
                            to.add(m.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return arrows;
    }

    /** Every cycle as the path that closes it, e.g. {@code a -> b -> a}; empty when there is none. */
    static List<String> cycles(Map<String, Set<String>> arrows) {
        List<String> found = new ArrayList<>();
        for (String start : arrows.keySet()) {
            walk(start, start, new ArrayList<>(List.of(start)), arrows, found);
        }
        return found;
    }

    private static void walk(
            String start, String at, List<String> path, Map<String, Set<String>> arrows, List<String> found) {
        for (String next : arrows.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                // each cycle once: reported from its alphabetically first package
                if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                    found.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                walk(start, next, path, arrows, found);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Path sources(String module) {
        Path here = Path.of("").toAbsolutePath();
        Path project = Files.isDirectory(here.resolve("engine")) ? here : here.getParent();
        return project.resolve(module).resolve("src/main/java");
    }

    @Test
    void noTwoPackagesOfTheEngineOrTheCliNeedEachOther() {
        Map<String, Set<String>> arrows = packageArrows(List.of(sources("engine"), sources("cli")));
        assertThat(arrows).containsKeys(ENGINE + ".job", ENGINE + ".kube", "io.jenkins.plugins.kubesteps.cli");
        assertThat(cycles(arrows)).isEmpty();
    }

    @Test
    void sharedPackagesNeverReachIntoAnOperation() {
        Map<String, Set<String>> arrows = packageArrows(List.of(sources("engine")));
        List<String> wrong = new ArrayList<>();
        for (String shared : SHARED) {
            for (String to : arrows.getOrDefault(shared, Set.of())) {
                if (!SHARED.contains(to)) {
                    wrong.add(shared + " -> " + to);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Operations stay apart; the two arrows between them today are named here so no third slips in. */
    @Test
    void operationsUseEachOtherOnlyWhereTheirPackageInfoSaysSo() {
        Map<String, Set<String>> arrows = packageArrows(List.of(sources("engine")));
        List<String> between = new ArrayList<>();
        arrows.forEach((from, tos) -> tos.stream()
                .filter(to -> !SHARED.contains(from) && !SHARED.contains(to))
                .forEach(to ->
                        between.add(from.substring(ENGINE.length() + 1) + " -> " + to.substring(ENGINE.length() + 1))));
        assertThat(between).containsExactlyInAnyOrder("deploy -> servergroup", "manage -> servergroup");
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Set<String>> arrows =
                Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(arrows)).containsExactly("a -> b -> c -> a");
    }
}
