package io.jenkins.plugins.kubesteps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.kubesteps.engine.TextInput;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import io.jenkins.plugins.kubesteps.engine.job.ConfigMapKey;
import io.jenkins.plugins.kubesteps.engine.job.JobRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The parameters {@link RunK8sJobStep} and {@link RunK8sJobBuilder} share. Both delegate their
 * {@code @DataBoundSetter}s here so the rules (defaults, validation, request building) live once.
 * Holds only what the user typed: credentials ids, never secrets, because it is persisted with the
 * job configuration and the running Pipeline program.
 */
public final class JobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    static final int DEFAULT_TIMEOUT_MINUTES = (int) JobRequest.DEFAULT_TIMEOUT.toMinutes();

    private String account;
    private String credentialsId;
    private String serverUrl;
    private String caCertificate;
    private boolean skipTlsVerify;
    private String namespace;
    private String manifest;
    private String file;
    private String container;
    // Boxed and null until set: XStream runs no field initialisers, so a config.xml written before a
    // field existed (or by hand) must still get the documented defaults from the getters.
    private Integer timeout;
    private Boolean logs;
    private String cleanup;
    private String outputConfigMap;
    private String envPrefix;
    private Boolean propagate;
    private Boolean allowIncompleteOutputs;
    private Boolean activeDeadline;

    /** Checks what can be checked without a cluster, so a mistake fails before anything is created. */
    void validate() throws AbortException {
        String problem = FormSupport.manifestSourceProblem(manifest, file);
        if (problem == null) {
            problem = FormSupport.connectionProblem(account, credentialsId);
        }
        if (problem == null) {
            problem = FormSupport.timeoutProblem(getTimeout());
        }
        if (problem == null) {
            problem = FormSupport.envPrefixProblem(envPrefix);
        }
        if (problem != null) {
            throw new AbortException(problem);
        }
    }

    /**
     * The manifest text: inline, or read through the workspace so it works on agents too.
     *
     * @param workspace null outside a {@code node} block
     */
    String readManifest(FilePath workspace) throws IOException, InterruptedException {
        if (manifest != null) {
            return manifest;
        }
        if (workspace == null) {
            throw new AbortException(Messages.JobSettings_FileNeedsWorkspace(file));
        }
        FilePath path = workspace.child(file);
        if (!path.exists()) {
            throw new AbortException(Messages.JobSettings_FileMissing(file));
        }
        try (InputStream in = path.read()) {
            // strict UTF-8: a binary file is an error naming it, never a garbled manifest
            return TextInput.read(in, file);
        }
    }

    /** The engine request; annotations on the Job say which build created it. */
    JobRequest toRequest(String manifestText, Run<?, ?> run) throws AbortException {
        JobRequest.Builder b = JobRequest.builder()
                .manifest(manifestText, manifest != null ? "manifest" : file)
                .namespace(namespace)
                .timeout(Duration.ofMinutes(getTimeout()))
                .container(container)
                .streamLogs(isLogs())
                .allowIncompleteOutputs(isAllowIncompleteOutputs())
                .activeDeadline(isActiveDeadline());
        buildAnnotations(run).forEach(b::annotation);
        try {
            b.cleanup(CleanupPolicy.parse(getCleanup()));
            if (outputConfigMap != null) {
                b.outputConfigMap(ConfigMapKey.parse(outputConfigMap));
            }
        } catch (RuntimeException e) { // InvalidInputException: its message is written for users
            throw new AbortException(e.getMessage());
        }
        return b.build();
    }

    /** Lets someone looking at the cluster find the build: its URL and {@code folder/job#number}. */
    private static Map<String, String> buildAnnotations(Run<?, ?> run) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("jenkins.io/build", run.getExternalizableId());
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        if (root != null) {
            annotations.put("jenkins.io/build-url", root + run.getUrl());
        }
        return annotations;
    }

    /** Blank form fields arrive as empty strings; treat them as "not set" everywhere. */
    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = trim(account);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trim(credentialsId);
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public void setServerUrl(String serverUrl) {
        this.serverUrl = trim(serverUrl);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trim(caCertificate);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = trim(namespace);
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = trim(manifest) == null ? null : manifest;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = trim(file);
    }

    public String getContainer() {
        return container;
    }

    public void setContainer(String container) {
        this.container = trim(container);
    }

    public int getTimeout() {
        return timeout == null ? DEFAULT_TIMEOUT_MINUTES : timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public boolean isLogs() {
        return logs == null || logs;
    }

    public void setLogs(boolean logs) {
        this.logs = logs;
    }

    public String getCleanup() {
        return cleanup == null ? CleanupPolicy.TTL.id() : cleanup;
    }

    public void setCleanup(String cleanup) {
        this.cleanup = trim(cleanup);
    }

    public String getOutputConfigMap() {
        return outputConfigMap;
    }

    public void setOutputConfigMap(String outputConfigMap) {
        this.outputConfigMap = trim(outputConfigMap);
    }

    public String getEnvPrefix() {
        return envPrefix;
    }

    public void setEnvPrefix(String envPrefix) {
        this.envPrefix = trim(envPrefix);
    }

    public boolean isAllowIncompleteOutputs() {
        return allowIncompleteOutputs != null && allowIncompleteOutputs;
    }

    public void setAllowIncompleteOutputs(boolean allowIncompleteOutputs) {
        this.allowIncompleteOutputs = allowIncompleteOutputs;
    }

    public boolean isActiveDeadline() {
        return activeDeadline == null || activeDeadline;
    }

    public void setActiveDeadline(boolean activeDeadline) {
        this.activeDeadline = activeDeadline;
    }

    public boolean isPropagate() {
        return propagate == null || propagate;
    }

    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }
}
