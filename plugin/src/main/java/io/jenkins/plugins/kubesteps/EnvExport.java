package io.jenkins.plugins.kubesteps;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Decides which outputs become environment variables, and under which names. Output keys come
 * from whatever a container image printed, so they are never exported as they are: every name is
 * a prefix the pipeline chose (default {@value #DEFAULT_PREFIX}, which is also what a Spinnaker
 * user guesses) followed by the key.
 *
 * <p>The prefix has a fixed shape ({@link #PREFIX}): upper-case, ending in {@code _PROPERTY_} or
 * {@code _OUTPUT_}. No variable that decides which programs later steps run or how (PATH,
 * LD_PRELOAD, GIT_SSH, DOTNET_STARTUP_HOOKS, GCONV_PATH, ...) has that shape, and new families of
 * such variables appear every year, so a list of names to avoid alone can never be complete. The
 * list below stays as a second line of defence, for prefixes such as {@code GIT_OUTPUT_}.
 */
final class EnvExport {
    static final String DEFAULT_PREFIX = "SPINNAKER_PROPERTY_";
    static final String NAMESPACE = "K8S_JOB_NAMESPACE";
    static final String NAME = "K8S_JOB_NAME";
    static final String STATUS = "K8S_JOB_STATUS";
    static final String LOG_URL = "K8S_JOB_LOG_URL";

    /** The rule users read (help-envPrefix.html, Messages): the allow-list of prefix shapes. */
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]*_(PROPERTY|OUTPUT)_");

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * Single variables that change how later steps run, upper-case (Windows and EnvVars ignore
     * case). The second line of defence: only consulted for prefixes of the allowed shape.
     */
    private static final Set<String> PROTECTED_NAMES = Set.of(
            "PATH",
            "HOME",
            "SHELL",
            "IFS",
            "ENV",
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
            "CLASSPATH",
            "MAVEN_OPTS",
            "GRADLE_OPTS",
            "PERL5LIB",
            "PERL5OPT",
            "RUBYOPT",
            "RUBYLIB",
            "KUBECONFIG",
            "WORKSPACE",
            "NODE_NAME",
            "NODE_LABELS",
            "EXECUTOR_NUMBER",
            "EDITOR",
            "VISUAL",
            "PAGER",
            "LESSOPEN",
            "MANPATH",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_RUNTIME_DIR",
            "NO_PROXY",
            "ALL_PROXY",
            "FTP_PROXY",
            "SSH_ASKPASS",
            "SSH_AUTH_SOCK",
            "GNUPGHOME",
            "REQUESTS_CA_BUNDLE",
            "CURL_CA_BUNDLE",
            "GOFLAGS",
            "GOPROXY",
            "GOPATH",
            "CARGO_HOME",
            "RUSTFLAGS",
            "CC",
            "CXX",
            "CFLAGS",
            "LDFLAGS");

    /** Families of variables, upper-case; a prefix may neither start one nor lie inside one. */
    private static final List<String> PROTECTED_FAMILIES = List.of(
            "LD_",
            "DYLD_",
            "JAVA_",
            "_JAVA_",
            "JDK_JAVA_",
            "BASH_",
            "GIT_",
            "SSL_",
            "NPM_CONFIG_",
            "YARN_",
            "NODE_",
            "PYTHON",
            "PIP_",
            "DOCKER_",
            "HTTP_",
            "HTTPS_",
            "SSH_",
            "BUILD_",
            "JOB_",
            "JENKINS_",
            "HUDSON_",
            "RUN_",
            "CHANGE_",
            "GIT",
            "K8S_JOB_",
            "KUBE",
            "AWS_",
            "GOOGLE_",
            "AZURE_",
            "OPENSSL_",
            "LC_",
            "LANG");

    private EnvExport() {}

    /** Why {@code prefix} cannot prefix exported outputs, or null when it can. */
    static String prefixProblem(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            return Messages.EnvExport_PrefixInvalid(String.valueOf(prefix));
        }
        String upper = prefix.toUpperCase(Locale.ROOT);
        for (String name : PROTECTED_NAMES) {
            if (name.startsWith(upper)) {
                return Messages.EnvExport_PrefixProtected(prefix, name);
            }
        }
        for (String family : PROTECTED_FAMILIES) {
            if (family.startsWith(upper) || upper.startsWith(family)) {
                return Messages.EnvExport_PrefixProtected(prefix, family + "*");
            }
        }
        return null;
    }

    /** Why output {@code key} is not exported, or null when it is. */
    static String refusal(String key) {
        return KEY.matcher(key).matches() ? null : Messages.EnvExport_NotAName(key);
    }

    /** The prefix a Job's outputs are exported with. */
    static String prefixOf(K8sJobRecord job) {
        return job.getEnvPrefix() == null ? DEFAULT_PREFIX : job.getEnvPrefix();
    }

    /**
     * Puts the exportable outputs of one Job, then its K8S_JOB_* variables, into {@code env}.
     * Values are escaped so that Jenkins' own {@code $VAR} expansion of environment values gives
     * back exactly the bytes the container printed.
     *
     * @param refused told why each refused output was left out
     */
    static void export(K8sJobRecord job, Map<String, String> env, Consumer<String> refused) {
        String prefix = prefixOf(job);
        if (prefixProblem(prefix) != null) {
            refused.accept(prefixProblem(prefix)); // a record saved before the rule; export nothing of it
            return;
        }
        job.getOutputs().forEach((key, value) -> {
            String why = refusal(key);
            if (why == null) {
                env.put(prefix + key, escape(value));
            } else {
                refused.accept(why);
            }
        });
        env.put(NAMESPACE, job.getNamespace());
        env.put(NAME, job.getName());
        env.put(STATUS, job.getStatus());
        if (job.getLogUrl() != null) {
            env.put(LOG_URL, escape(job.getLogUrl()));
        } else {
            env.remove(LOG_URL); // an earlier Job's link would be misleading
        }
    }

    /** {@code $} doubled: EnvVars resolves {@code $$} to one {@code $} and leaves no reference to expand. */
    static String escape(String value) {
        return value == null ? null : value.replace("$", "$$");
    }
}
