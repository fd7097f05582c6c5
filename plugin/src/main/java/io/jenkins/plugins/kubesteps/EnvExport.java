package io.jenkins.plugins.kubesteps;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides which outputs become environment variables. A Job's output keys come from whatever its
 * container printed, so they must not be able to replace what decides which programs later steps
 * run or how (PATH, LD_PRELOAD, JAVA_TOOL_OPTIONS...) nor Jenkins' own build variables.
 */
final class EnvExport {
    static final String NAMESPACE = "K8S_JOB_NAMESPACE";
    static final String NAME = "K8S_JOB_NAME";
    static final String STATUS = "K8S_JOB_STATUS";
    static final String LOG_URL = "K8S_JOB_LOG_URL";

    /** Compared upper-case: Windows (and Jenkins' EnvVars) treat names case-insensitively. */
    private static final Set<String> PROTECTED = Set.of(
            "PATH",
            "HOME",
            "SHELL",
            "IFS",
            "ENV",
            "BASH_ENV",
            "CDPATH",
            "PS4",
            "PROMPT_COMMAND",
            "USER",
            "LOGNAME",
            "PWD",
            "OLDPWD",
            "TMPDIR",
            "TEMP",
            "TMP",
            "HOSTNAME",
            "COMSPEC",
            "PATHEXT",
            "SYSTEMROOT",
            "PYTHONPATH",
            "PYTHONSTARTUP",
            "PERL5LIB",
            "PERL5OPT",
            "RUBYOPT",
            "NODE_OPTIONS",
            "CLASSPATH",
            "MAVEN_OPTS",
            "GRADLE_OPTS",
            "GIT_SSH",
            "GIT_SSH_COMMAND",
            "GIT_ASKPASS",
            "SSH_ASKPASS",
            "KUBECONFIG",
            "WORKSPACE",
            "BUILD_ID",
            "BUILD_NUMBER",
            "BUILD_TAG",
            "BUILD_URL",
            "BUILD_DISPLAY_NAME",
            "JOB_NAME",
            "JOB_BASE_NAME",
            "JOB_URL",
            "JENKINS_HOME",
            "JENKINS_URL",
            "HUDSON_HOME",
            "HUDSON_URL",
            "NODE_NAME",
            "NODE_LABELS",
            "EXECUTOR_NUMBER",
            NAMESPACE,
            NAME,
            STATUS,
            LOG_URL);

    private static final List<String> PROTECTED_PREFIXES =
            List.of("LD_", "DYLD_", "JAVA_", "_JAVA_", "JDK_JAVA_", "BASH_FUNC_");

    private EnvExport() {}

    /** Why {@code name} may not be exported, or null when it may. */
    static String refusal(String name) {
        if (!FormSupport.VARIABLE_NAME.matcher(name).matches()) {
            return Messages.EnvExport_NotAName(name);
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (PROTECTED.contains(upper) || PROTECTED_PREFIXES.stream().anyMatch(upper::startsWith)) {
            return Messages.EnvExport_Protected(name);
        }
        return null;
    }

    /**
     * Puts the exportable outputs of one Job, then its K8S_JOB_* variables, into {@code env}.
     *
     * @param refused told why each refused output was left out
     */
    static void export(K8sJobRecord job, Map<String, String> env, Consumer<String> refused) {
        String prefix = job.getEnvPrefix() == null ? "" : job.getEnvPrefix();
        job.getOutputs().forEach((key, value) -> {
            String name = prefix + key;
            String why = refusal(name);
            if (why == null) {
                env.put(name, value);
            } else {
                refused.accept(why);
            }
        });
        env.put(NAMESPACE, job.getNamespace());
        env.put(NAME, job.getName());
        env.put(STATUS, job.getStatus());
        if (job.getLogUrl() != null) {
            env.put(LOG_URL, job.getLogUrl());
        } else {
            env.remove(LOG_URL); // an earlier Job's link would be misleading
        }
    }
}
