package io.jenkins.plugins.kubesteps.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogLinkTest {
    private final List<String> warnings = new ArrayList<>();

    private static Job job(String annotation, String template) {
        return new JobBuilder()
                .withNewMetadata()
                .withName("hello-x7k2p")
                .withNamespace("ci")
                .withUid("1234-abcd")
                .addToLabels("app.kubernetes.io/name", "reports")
                .addToAnnotations(annotation, template)
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private Optional<String> resolve(String annotation, String template) {
        return LogLink.resolve(job(annotation, template), warnings::add);
    }

    @Test
    void resolvesSpinnakersPlaceholdersOnTheCodeAnnotation() {
        assertThat(resolve(LogLink.ANNOTATION, "https://logs.example.com/{{ metadata.namespace }}/{{metadata.name}}"))
                .contains("https://logs.example.com/ci/hello-x7k2p");
        assertThat(warnings).isEmpty();
    }

    @Test
    void acceptsTheDocumentedAnnotationAndTheManifestPrefix() {
        assertThat(resolve(
                        LogLink.ANNOTATION_ALT,
                        "https://l.example.com/?ns={{ manifest.metadata.namespace }}"
                                + "&uid={{  manifest.metadata.uid  }}"))
                .contains("https://l.example.com/?ns=ci&uid=1234-abcd");
    }

    @Test
    void bracketsReachKeysWithDotsAndSlashesAndListIndexes() {
        assertThat(
                        resolve(
                                LogLink.ANNOTATION,
                                "https://l.example.com/{{ metadata.labels['app.kubernetes.io/name'] }}/"
                                        + "{{ spec.template.spec.containers[0].image }}/{{ metadata.labels[\"app.kubernetes.io/name\"] }}"))
                .contains("https://l.example.com/reports/busybox:1.36/reports");
    }

    @Test
    void anUnknownPathWarnsNamingThePlaceholderAndGivesNoLink() {
        assertThat(resolve(LogLink.ANNOTATION, "https://l.example.com/{{ metadata.labels.team }}"))
                .isEmpty();
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("{{ metadata.labels.team }}")
                .contains("matches nothing");
    }

    @Test
    void expressionsAreNotEvaluated() {
        assertThat(resolve(LogLink.ANNOTATION, "https://l.example.com/{{ metadata.name.toUpperCase() }}"))
                .isEmpty();
        assertThat(warnings).singleElement().asString().contains("is not a field path");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreLinked() {
        assertThat(resolve(LogLink.ANNOTATION, "javascript:alert('{{ metadata.name }}')"))
                .isEmpty();
        assertThat(resolve(LogLink.ANNOTATION, "/relative/{{ metadata.name }}")).isEmpty();
        assertThat(resolve(LogLink.ANNOTATION, "file:///etc/passwd")).isEmpty();
        assertThat(warnings).hasSize(3).allMatch(w -> w.contains("not an absolute http:// or https:// URL"));
        assertThat(resolve(LogLink.ANNOTATION, "HTTP://l.example.com/x")).contains("HTTP://l.example.com/x");
    }

    @Test
    void aMappingIsNotAValue() {
        assertThat(resolve(LogLink.ANNOTATION, "https://l.example.com/{{ metadata.labels }}"))
                .isEmpty();
        assertThat(warnings).singleElement().asString().contains("is a mapping");
    }

    @Test
    void noAnnotationMeansNoLinkAndNoWarning() {
        Job plain =
                new JobBuilder().withNewMetadata().withName("x").endMetadata().build();
        assertThat(LogLink.resolve(plain, warnings::add)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void pathSyntax() {
        assertThat(LogLink.parsePath("manifest.metadata.name")).containsExactly("metadata", "name");
        assertThat(LogLink.parsePath("a[0]['b.c'].d")).containsExactly("a", 0, "b.c", "d");
        assertThat(LogLink.parsePath("a b")).isNull();
        assertThat(LogLink.parsePath("a..b")).isNull();
        assertThat(LogLink.parsePath("a[0]b")).isNull();
        assertThat(LogLink.parsePath("")).isNull();
    }
}
