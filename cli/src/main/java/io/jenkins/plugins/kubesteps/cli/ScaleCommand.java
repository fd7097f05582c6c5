package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.manage.ScaleRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = {"Scales a Deployment, ReplicaSet or StatefulSet and waits until it is stable."})
final class ScaleCommand implements Callable<Integer> {
    @Mixin
    OperationOptions options = new OperationOptions();

    @Option(names = "--replicas", required = true, description = "The number of replicas.")
    int replicas;

    @Override
    public Integer call() throws Exception {
        return options.run(request());
    }

    ScaleRequest request() {
        options.requireTarget();
        return options.common(ScaleRequest.builder()).replicas(replicas).build();
    }
}
