package io.jenkins.plugins.kubesteps.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.kube.Criteria;
import io.jenkins.plugins.kubesteps.engine.manage.ClusterTarget;
import io.jenkins.plugins.kubesteps.engine.manage.DeleteRequest;
import io.jenkins.plugins.kubesteps.engine.manage.PatchRequest;
import io.jenkins.plugins.kubesteps.engine.manage.ScaleRequest;
import io.jenkins.plugins.kubesteps.engine.manage.SelectorTarget;
import io.jenkins.plugins.kubesteps.engine.manage.StaticTarget;
import io.jenkins.plugins.kubesteps.engine.manage.UndoRolloutRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options of delete, scale, undo-rollout and patch become the engine's requests; bad combinations are refused. */
class OperationCommandsTest {
    @TempDir
    Path dir;

    @Test
    void deleteTakesATargetOrAKindWithASelectorButNotBoth() {
        DeleteRequest byName = parse(
                        new DeleteCommand(),
                        "--target",
                        "deployment web",
                        "--cascade",
                        "Foreground",
                        "--grace-period",
                        "0",
                        "--namespace",
                        "prod",
                        "--timeout",
                        "90s")
                .request();
        assertThat(byName.target()).isEqualTo(new StaticTarget("deployment", "web"));
        assertThat(byName.cascade()).isEqualTo(DeleteRequest.Cascade.FOREGROUND);
        assertThat(byName.gracePeriodSeconds()).isZero();
        assertThat(byName.namespace()).isEqualTo("prod");
        assertThat(byName.timeout()).isEqualTo(Duration.ofSeconds(90));

        DeleteRequest bySelector = parse(
                        new DeleteCommand(), "--kind", "configMap", "--selector", "app=web", "--no-wait")
                .request();
        assertThat(bySelector.target()).isEqualTo(new SelectorTarget("configMap", "app=web"));
        assertThat(bySelector.waitForCompletion()).isFalse();

        assertThatThrownBy(() -> parse(
                                new DeleteCommand(),
                                "--target",
                                "deployment web",
                                "--kind",
                                "configMap",
                                "--selector",
                                "app=web")
                        .request())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Give either --target (or --cluster) or --kind with --selector, not both");
        assertThatThrownBy(() ->
                        parse(new DeleteCommand(), "--selector", "app=web").request())
                .hasMessageContaining("--kind and --selector go together");
        assertThatThrownBy(() -> parse(new DeleteCommand(), "--target", "web").request())
                .hasMessageContaining("--target 'web': write the kind and the name");
        assertThatThrownBy(() -> parse(new DeleteCommand(), "--target", "deploy/web", "--cascade", "later")
                        .request())
                .hasMessageContaining("cascade 'later': write background, foreground or orphan");
    }

    @Test
    void aServerGroupOfAClusterIsATargetOfEveryOperation() {
        ScaleRequest scale = parse(
                        new ScaleCommand(),
                        "--cluster",
                        "replicaSet frontend",
                        "--criteria",
                        "second_newest",
                        "--application",
                        "shop",
                        "--replicas",
                        "0")
                .request();
        assertThat(scale.target()).isEqualTo(new ClusterTarget("replicaSet frontend", Criteria.SECOND_NEWEST, "shop"));
        assertThat(scale.target().describe()).isEqualTo("second_newest of replicaSet frontend");

        assertThatThrownBy(() -> parse(new DeleteCommand(), "--cluster", "replicaSet frontend")
                        .request())
                .hasMessageContaining("--cluster needs --criteria");
        assertThatThrownBy(() -> parse(
                                new ScaleCommand(),
                                "--target",
                                "replicaSet frontend-v001",
                                "--cluster",
                                "replicaSet frontend",
                                "--criteria",
                                "oldest",
                                "--replicas",
                                "1")
                        .request())
                .hasMessage("Give --target or --cluster, not both");
    }

    @Test
    void undoRolloutGoesOneRevisionBackUnlessToldOtherwise() {
        UndoRolloutRequest plain =
                parse(new UndoRolloutCommand(), "--target", "deployment web").request();
        assertThat(plain.revisionsBack()).isEqualTo(1);
        assertThat(plain.revision()).isNull();
        UndoRolloutRequest toRevision = parse(new UndoRolloutCommand(), "--target", "deployment web", "--revision", "4")
                .request();
        assertThat(toRevision.revision()).isEqualTo(4);
        assertThat(toRevision.revisionsBack()).isNull();
    }

    @Test
    void patchReadsTextOrFileBindsArtifactsAndKnowsItsTypes() throws Exception {
        Path file = Files.writeString(dir.resolve("patch.yaml"), "spec: {replicas: 2}\n");
        PatchRequest fromFile = parse(
                        new PatchCommand(),
                        "--target",
                        "deployment web",
                        "--patch-file",
                        file.toString(),
                        "--type",
                        "merge",
                        "--artifact",
                        "web=web:2",
                        "--required",
                        "web")
                .request();
        assertThat(fromFile.patch()).isEqualTo("spec: {replicas: 2}\n");
        assertThat(fromFile.source()).isEqualTo(file.toString());
        assertThat(fromFile.type()).isEqualTo(PatchRequest.PatchType.MERGE);
        assertThat(fromFile.artifacts()).containsEntry("web", "web:2");
        assertThat(fromFile.requiredArtifacts()).containsExactly("web");

        assertThatThrownBy(() ->
                        parse(new PatchCommand(), "--target", "deployment web").request())
                .hasMessage("Give the patch with either --patch TEXT or --patch-file FILE");
        assertThatThrownBy(
                        () -> parse(new PatchCommand(), "--target", "deployment web", "--patch", "{}", "--type", "yaml")
                                .request())
                .hasMessage("patch type 'yaml': write strategic, merge or json");
        assertThatThrownBy(() -> parse(new ScaleCommand(), "--replicas", "2").request())
                .hasMessageContaining("A target is required");
    }

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
