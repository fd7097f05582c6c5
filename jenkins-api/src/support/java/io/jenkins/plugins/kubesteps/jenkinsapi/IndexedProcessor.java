package io.jenkins.plugins.kubesteps.jenkinsapi;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the index that annotation-indexer's processor writes in a real plugin build: for every
 * annotation meta-annotated with {@code @org.jvnet.hudson.annotation_indexer.Indexed} (in our case
 * {@code @org.jenkinsci.Symbol}), the file {@code META-INF/services/annotations/<annotation>} lists
 * the binary names of the classes that use it, one per line. structs' SymbolLookup reads it through
 * {@code Index.list}; without it {@code @Symbol} names do not resolve in Jenkins.
 *
 * <p>Central has no usable annotation-indexer, hence this processor. Members, fields and
 * constructors count as their enclosing class, and a package as {@code name.*}, as the real index
 * does. Unlike the real one it writes each file once, after the last round, so several rounds
 * never try to create the same resource twice.
 */
@SupportedAnnotationTypes("*")
public final class IndexedProcessor extends AbstractProcessor {
    static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";
    static final String PREFIX = "META-INF/services/annotations/";

    private final Map<String, Set<String>> index = new TreeMap<>();
    private final Map<String, Set<Element>> origins = new TreeMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latest();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            if (!round.errorRaised()) {
                index.forEach(this::write);
            }
            return false;
        }
        for (TypeElement annotation : annotations) {
            if (!isIndexed(annotation)) {
                continue;
            }
            String name = processingEnv.getElementUtils().getBinaryName(annotation).toString();
            for (Element use : round.getElementsAnnotatedWith(annotation)) {
                String entry = entryFor(use);
                if (entry != null) {
                    index.computeIfAbsent(name, k -> new TreeSet<>()).add(entry);
                    origins.computeIfAbsent(name, k -> new HashSet<>()).add(use);
                }
            }
        }
        // Never claim: sezpoz and other processors must still see @Extension and friends.
        return false;
    }

    private boolean isIndexed(TypeElement annotation) {
        for (AnnotationMirror meta : annotation.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) meta.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(INDEXED)) {
                return true;
            }
        }
        return false;
    }

    private String entryFor(Element use) {
        switch (use.getKind()) {
            case CLASS, INTERFACE, ENUM, ANNOTATION_TYPE, RECORD:
                return binaryName((TypeElement) use);
            case METHOD, FIELD, CONSTRUCTOR:
                return binaryName((TypeElement) use.getEnclosingElement());
            case PACKAGE:
                return ((PackageElement) use).getQualifiedName() + ".*";
            default:
                return null;
        }
    }

    private String binaryName(TypeElement type) {
        return processingEnv.getElementUtils().getBinaryName(type).toString();
    }

    private void write(String annotation, Set<String> entries) {
        try {
            FileObject file = processingEnv
                    .getFiler()
                    .createResource(
                            StandardLocation.CLASS_OUTPUT,
                            "",
                            PREFIX + annotation,
                            origins.get(annotation).toArray(new Element[0]));
            try (Writer w = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                for (String entry : entries) {
                    w.write(entry);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + PREFIX + annotation + ": " + e);
        }
    }
}
