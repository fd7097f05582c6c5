package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.manage.UndoRolloutRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "undo-rollout",
        mixinStandardHelpOptions = true,
        description = {
            "Rolls a Deployment back to the pod template of an earlier revision (as kubectl rollout undo) and waits"
                    + " until it is stable."
        })
final class UndoRolloutCommand implements Callable<Integer> {
    @Mixin
    OperationOptions options = new OperationOptions();

    @Option(names = "--revision", description = "The revision to go back to (deployment.kubernetes.io/revision).")
    Integer revision;

    @Option(
            names = "--revisions-back",
            description = "How many revisions back: 1 is the one before the current (the default).")
    Integer revisionsBack;

    @Override
    public Integer call() throws Exception {
        return options.run(request());
    }

    UndoRolloutRequest request() {
        options.requireTarget();
        return options.common(UndoRolloutRequest.builder())
                .revision(revision)
                .revisionsBack(revisionsBack)
                .build();
    }
}
