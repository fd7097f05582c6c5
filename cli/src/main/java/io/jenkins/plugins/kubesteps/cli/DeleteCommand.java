package io.jenkins.plugins.kubesteps.cli;

import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import io.jenkins.plugins.kubesteps.engine.manage.DeleteRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes an object (--target) or every object of a kind matching a label selector (--kind, --selector),"
                    + " and waits until they are gone."
        })
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    OperationOptions options = new OperationOptions();

    @Option(names = "--kind", description = "With --selector: the kind to delete, e.g. deployment, configMap.")
    String kind;

    @Option(names = "--selector", description = "A label selector, e.g. app=web,tier!=cache.")
    String selector;

    @Option(
            names = "--cascade",
            defaultValue = "background",
            description = "background | foreground | orphan: what happens to the objects it owns (default:"
                    + " ${DEFAULT-VALUE}).")
    String cascade;

    @Option(
            names = "--grace-period",
            paramLabel = "SECONDS",
            description = "Seconds the pods get to stop (default: each object's own; 0 stops them at once).")
    Integer gracePeriod;

    @Override
    public Integer call() throws Exception {
        return options.run(request());
    }

    DeleteRequest request() {
        DeleteRequest.Builder b = options.common(DeleteRequest.builder())
                .cascade(DeleteRequest.Cascade.parse(cascade))
                .gracePeriodSeconds(gracePeriod);
        if (selector != null || kind != null) {
            if (options.target.given()) {
                throw new InvalidInputException(
                        "Give either --target (or --cluster) or --kind with --selector, not both");
            }
            if (kind == null || selector == null) {
                throw new InvalidInputException(
                        "--kind and --selector go together, e.g. --kind deployment" + " --selector app=web");
            }
            b.selector(kind, selector);
        } else {
            options.requireTarget();
        }
        return b.build();
    }
}
