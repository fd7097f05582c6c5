package io.jenkins.plugins.kubesteps.accounts;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubesteps.FormSupport;
import io.jenkins.plugins.kubesteps.Messages;
import io.jenkins.plugins.kubesteps.engine.ClusterErrors;
import io.jenkins.plugins.kubesteps.engine.EngineException;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named cluster an administrator set up once (Spinnaker calls these accounts), so pipelines say
 * {@code account: 'prod'} instead of repeating the server and credentials. Holds the credentials
 * id only; the secret stays in the credentials store.
 */
public class KubernetesAccount implements Describable<KubernetesAccount> {
    private final String name;
    private String serverUrl;
    private String credentialsId;
    private String caCertificate;
    private String namespace;
    private boolean skipTlsVerify;
    private boolean inCluster;
    /**
     * Whether this account's Secret file kubeconfig may run its {@code exec} plugin and read files
     * it names, on the controller. Per account, set by an administrator: a build's own
     * {@code credentialsId} never gets it.
     */
    private boolean allowKubeconfigExec;
    /** Full names of the folders whose jobs may use this account, one per line; empty: every job. */
    private String folders;

    @DataBoundConstructor
    public KubernetesAccount(String name) {
        this.name = name == null ? "" : name.trim();
    }

    public String getName() {
        return name;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = blankToNull(serverUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = blankToNull(caCertificate);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = blankToNull(namespace);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    public boolean isInCluster() {
        return inCluster;
    }

    @DataBoundSetter
    public void setInCluster(boolean inCluster) {
        this.inCluster = inCluster;
    }

    public boolean isAllowKubeconfigExec() {
        return allowKubeconfigExec;
    }

    @DataBoundSetter
    public void setAllowKubeconfigExec(boolean allowKubeconfigExec) {
        this.allowKubeconfigExec = allowKubeconfigExec;
    }

    public String getFolders() {
        return folders;
    }

    @DataBoundSetter
    public void setFolders(String folders) {
        this.folders = blankToNull(folders);
    }

    /** The folder full names {@link #getFolders()} lists, without blanks and slashes at the ends. */
    List<String> folderList() {
        if (folders == null) {
            return List.of();
        }
        return Arrays.stream(folders.split("[,\\n]"))
                .map(f -> f.strip().replaceAll("^/+|/+$", ""))
                .filter(f -> !f.isEmpty())
                .toList();
    }

    /** Whether a job of this full name may use the account (an administrator can restrict it to folders). */
    public boolean isAllowedFor(String jobFullName) {
        List<String> allowed = folderList();
        return allowed.isEmpty() || allowed.stream().anyMatch(f -> jobFullName.startsWith(f + "/"));
    }

    /**
     * The connection of this account for a build, credentials looked up now (as SYSTEM: accounts
     * are administrator configuration) and their use recorded on the build.
     *
     * @param namespace the step's namespace, null for the account's
     * @throws AbortException when the build's job may not use the account or a credential is missing
     */
    public ClusterConnection connectionFor(Run<?, ?> run, String namespace) throws IOException {
        String job = run.getParent().getFullName();
        if (!isAllowedFor(job)) {
            throw new AbortException(Messages.KubernetesAccount_NotAllowedFor(name, job, folderList()));
        }
        KubernetesAccounts accounts = KubernetesAccounts.get();
        ClusterCredentials credentials = inCluster
                ? accounts.inClusterCredentials()
                : CredentialsConverter.convert(
                        CredentialsConverter.lookupForAccount(credentialsId, serverUrl, run), allowKubeconfigExec);
        return new ClusterConnection(
                serverUrl, caCertificate, skipTlsVerify, namespace != null ? namespace : this.namespace, credentials);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<KubernetesAccount> {
        @Override
        public String getDisplayName() {
            return Messages.KubernetesAccount_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String credentialsId, @QueryParameter String serverUrl) {
            // Accounts live in the global configuration: only administrators see the list.
            return FormSupport.credentialsItems(null, credentialsId, serverUrl);
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String name) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return name == null || name.isBlank()
                    ? FormValidation.error(Messages.KubernetesAccount_NameRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckInCluster(@QueryParameter boolean inCluster) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return inCluster && !KubernetesAccounts.get().isAllowInCluster()
                    ? FormValidation.warning(Messages.KubernetesAccount_InClusterNotAllowed())
                    : FormValidation.ok();
        }

        /** Connects with the form's values (not the saved ones) and reports the server version. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String serverUrl,
                @QueryParameter String credentialsId,
                @QueryParameter String caCertificate,
                @QueryParameter String namespace,
                @QueryParameter boolean skipTlsVerify,
                @QueryParameter boolean inCluster,
                @QueryParameter boolean allowKubeconfigExec) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            KubernetesAccount probe = new KubernetesAccount("test");
            probe.setServerUrl(serverUrl);
            probe.setCredentialsId(credentialsId);
            probe.setCaCertificate(caCertificate);
            probe.setNamespace(namespace);
            probe.setSkipTlsVerify(skipTlsVerify);
            probe.setInCluster(inCluster);
            probe.setAllowKubeconfigExec(allowKubeconfigExec);
            try {
                ClusterCredentials credentials = probe.inCluster
                        ? KubernetesAccounts.get().inClusterCredentials()
                        : CredentialsConverter.convert(
                                CredentialsConverter.lookupForAccount(probe.credentialsId, probe.serverUrl, null),
                                probe.allowKubeconfigExec);
                ClusterConnection connection = new ClusterConnection(
                        probe.serverUrl, probe.caCertificate, probe.skipTlsVerify, probe.namespace, credentials);
                try (KubernetesClient client = ClientCache.newClient(connection)) {
                    // Listing Jobs needs valid credentials and the right the steps need most;
                    // GET /version alone is open to anyone.
                    String inNamespace = client.getNamespace();
                    client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(inNamespace)
                            .list(new ListOptionsBuilder().withLimit(1L).build());
                    String version = client.getKubernetesVersion().getGitVersion();
                    return FormValidation.ok(Messages.KubernetesAccount_Connected(version, inNamespace));
                }
            } catch (IOException | EngineException e) {
                // Engine and converter messages are written for people and never quote secrets.
                return FormValidation.error(Messages.KubernetesAccount_ConnectFailed(e.getMessage()));
            } catch (RuntimeException e) {
                // fabric8's own exceptions, said the engine's way: status and reason, no request dump.
                return FormValidation.error(Messages.KubernetesAccount_ConnectFailed(
                        ClusterErrors.translate(e, "list Jobs with these credentials", probe.serverUrl)
                                .getMessage()));
            } catch (LinkageError e) {
                // Mismatched plugin versions: say so on the form instead of an error page.
                return FormValidation.error(Messages.KubernetesAccount_ConnectFailed(e.toString()));
            }
        }
    }
}
