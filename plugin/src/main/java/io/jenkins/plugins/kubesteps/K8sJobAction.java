package io.jenkins.plugins.kubesteps;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;

/**
 * Every Kubernetes Job a build ran, on the build page and in the build's environment. One per
 * Run: parallel branches add to the same list, and a later Job's outputs and K8S_JOB_* variables
 * replace an earlier one's.
 */
public class K8sJobAction implements RunAction2, EnvironmentContributingAction {
    /**
     * Written by engine threads while Jenkins may be saving the build (XStream iterates it): a
     * copy-on-write list never fails an iteration and XStream stores it as a plain list.
     */
    private final List<K8sJobRecord> jobs = new CopyOnWriteArrayList<>();

    private transient Run<?, ?> run;

    /** Adds {@code job} to the build's action, creating it on first use. */
    static void record(Run<?, ?> run, K8sJobRecord job, TaskListener listener) {
        K8sJobAction action;
        // One lock for all runs: the check-then-add must not race between parallel branches.
        synchronized (K8sJobAction.class) {
            action = run.getAction(K8sJobAction.class);
            if (action == null) {
                action = new K8sJobAction();
                run.addAction(action);
            }
        }
        action.jobs.add(job);
        // Tell the user now, in the console, what buildEnvironment will quietly leave out later.
        // The reason may quote an output key, i.e. what a pod printed.
        EnvExport.export(job, new HashMap<>(), why -> listener.getLogger()
                .println(ConsoleText.clean(Messages.EnvExport_Warning(why))));
    }

    public List<K8sJobRecord> getJobs() {
        return List.copyOf(jobs);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        for (K8sJobRecord job : getJobs()) {
            EnvExport.export(job, env, why -> {});
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return Messages.K8sJobAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "kubernetes-jobs";
    }
}
