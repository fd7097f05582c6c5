package io.jenkins.plugins.kubesteps;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubesteps.engine.job.ContainerFailure;
import io.jenkins.plugins.kubesteps.engine.job.Failure;
import io.jenkins.plugins.kubesteps.engine.job.JobResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the step and the freestyle builder both do with a finished Job. */
final class JobOutcome {
    /** Termination messages can be up to 4 KiB; the failure line should stay readable. */
    private static final int MAX_MESSAGE = 500;

    private JobOutcome() {}

    /**
     * Records the Job on the build (page and environment) and returns the outputs as plain,
     * serializable collections, keys exactly as printed. The engine has already printed the
     * outcome, its warnings and the failure report.
     */
    static LinkedHashMap<String, Object> record(
            Run<?, ?> run, TaskListener listener, JobResult result, RunK8sJobStep settings) {
        K8sJobAction.record(run, new K8sJobRecord(result, settings.getEnvPrefix()), listener);
        if (!result.succeeded() && !settings.isPropagate()) {
            listener.getLogger().println(Messages.JobOutcome_NotPropagated());
        }
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> outputs = (LinkedHashMap<String, Object>) plain(result.outputs());
        return outputs;
    }

    /**
     * Whether the build step should fail: the Job failed, or it succeeded but a log whose outputs
     * count could not be read to its end (a marker line may be missing) and the user did not
     * accept that.
     */
    static boolean fails(JobResult result, RunK8sJobStep settings) {
        if (!result.outputsComplete() && !settings.isAllowIncompleteOutputs()) {
            return true;
        }
        return !result.succeeded() && settings.isPropagate();
    }

    /** One paragraph saying which Job ended how and why; no log lines (they may hold anything). */
    static String failureDetail(JobResult result) {
        if (result.succeeded() && !result.outputsComplete()) {
            return Messages.JobOutcome_IncompleteOutputs(result.job(), String.join(", ", result.incompleteOutputs()));
        }
        StringBuilder text = new StringBuilder(
                Messages.JobOutcome_Ended(result.job(), result.status().name()));
        Failure f = result.failure();
        if (f != null) {
            text.append(' ').append(f.reason()).append(": ").append(shorten(f.message()));
            for (ContainerFailure c : f.containers()) {
                text.append('\n')
                        .append(Messages.JobOutcome_Container(
                                c.pod() + "/" + c.container(),
                                c.exitCode() == null ? "-" : c.exitCode().toString(),
                                c.reason(),
                                c.message() == null ? "" : shorten(c.message())));
            }
        }
        return text.toString();
    }

    private static String shorten(String s) {
        return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }

    /**
     * Copies JSON values into LinkedHashMap/ArrayList: the engine hands out unmodifiable views,
     * and a Pipeline keeps the return value in its serialized program.
     */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value;
    }
}
