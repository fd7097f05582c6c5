package io.jenkins.plugins.kubesteps.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeLabelsTest {

    @Test
    void validValuesAreUnchanged() {
        assertThat(KubeLabels.sanitizeValue("my-job_1.2")).isEqualTo("my-job_1.2");
        assertThat(KubeLabels.sanitizeValue("")).isEmpty();
        assertThat(KubeLabels.sanitizeValue(null)).isEmpty();
    }

    @Test
    void invalidCharactersBecomeDashesAndEdgesAreTrimmed() {
        assertThat(KubeLabels.sanitizeValue("folder/my job #12")).isEqualTo("folder-my-job-12");
        assertThat(KubeLabels.sanitizeValue("--x--")).isEqualTo("x");
        assertThat(KubeLabels.sanitizeValue("ünïcode")).isEqualTo("n-code");
    }

    @Test
    void longValuesAreShortenedWithAHashSoTheyStayDistinct() {
        String a = "a".repeat(70) + "1";
        String b = "a".repeat(70) + "2";
        String sa = KubeLabels.sanitizeValue(a);
        String sb = KubeLabels.sanitizeValue(b);
        assertThat(sa).hasSize(63).startsWith("a".repeat(54) + "-");
        assertThat(sa).isNotEqualTo(sb);
        assertThat(KubeLabels.isValidValue(sa)).isTrue();
        assertThat(KubeLabels.sanitizeValue(a)).isEqualTo(sa);
    }

    @Test
    void keysFollowKubernetesRules() {
        assertThat(KubeLabels.isValidKey("app")).isTrue();
        assertThat(KubeLabels.isValidKey("app.kubernetes.io/name")).isTrue();
        assertThat(KubeLabels.isValidKey("Example.com/x")).isFalse();
        assertThat(KubeLabels.isValidKey("/x")).isFalse();
        assertThat(KubeLabels.isValidKey("x".repeat(64))).isFalse();
        assertThat(KubeLabels.isValidKey("has space")).isFalse();
    }
}
