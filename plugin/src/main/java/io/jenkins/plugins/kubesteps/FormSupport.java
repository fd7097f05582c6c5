package io.jenkins.plugins.kubesteps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import io.jenkins.plugins.kubesteps.engine.job.CleanupPolicy;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Form logic shared by the step, the freestyle builder and the account descriptors: every rule is
 * a plain function returning the problem (null when fine), so the build-time validation and the
 * form checks cannot drift apart.
 */
public final class FormSupport {
    private FormSupport() {}

    static String manifestSourceProblem(String manifest, String file) {
        boolean hasManifest = manifest != null && !manifest.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        return hasManifest == hasFile ? Messages.FormSupport_ManifestXorFile() : workspaceFileProblem(file);
    }

    /** A workspace file parameter must stay inside the workspace (symbolic links are checked when read). */
    static String workspaceFileProblem(String file) {
        return file == null || file.isBlank() ? null : WorkspaceManifests.relativePathProblem(file.strip());
    }

    static String connectionProblem(String account, String credentialsId) {
        boolean hasAccount = account != null && !account.isBlank();
        boolean hasCredentials = credentialsId != null && !credentialsId.isBlank();
        return hasAccount == hasCredentials ? Messages.FormSupport_AccountXorCredentials() : null;
    }

    static String timeoutProblem(int minutes) {
        return minutes > 0 ? null : Messages.FormSupport_TimeoutPositive();
    }

    /** Blank means the default prefix. */
    static String envPrefixProblem(String prefix) {
        return prefix == null || prefix.isBlank() ? null : EnvExport.prefixProblem(prefix.strip());
    }

    /** Someone who may not configure the item learns nothing from the check. */
    static FormValidation check(Item item, String problem) {
        if (problem == null || !canConfigure(item)) {
            return FormValidation.ok();
        }
        return FormValidation.error(problem);
    }

    /**
     * Whoever may configure {@code item} (or, without one, administers Jenkins) may see the
     * credential list; others only keep the value they already have.
     */
    static boolean canListCredentials(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** The form's permission for checks and tests of values: configure the item, or administer. */
    static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** The credential kinds Kubernetes users expect (kubernetes-cli's list); no plugin-specific type. */
    public static CredentialsMatcher kubernetesCredentials() {
        return CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class),
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                CredentialsMatchers.instanceOf(StandardCertificateCredentials.class));
    }

    /**
     * The credentials a build of {@code item} can use, listed as the build will look them up: as
     * the job's authentication (a QueueItemAuthenticator such as Authorize Project may make it a
     * user, who sees neither the global store nor folders' stores), so the list never offers an id
     * the build cannot find. Without a job (global configuration, a folder) as SYSTEM.
     */
    public static ListBoxModel credentialsItems(Item item, String credentialsId, String serverUrl) {
        if (!canListCredentials(item)) {
            return new StandardListBoxModel().includeCurrentValue(credentialsId);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(
                        item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item,
                        StandardCredentials.class,
                        URIRequirementBuilder.fromUri(serverUrl).build(),
                        kubernetesCredentials())
                .includeCurrentValue(credentialsId);
    }

    static ListBoxModel accountItems(Item item, String account) {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.FormSupport_NoAccount(), "");
        if (!canConfigure(item)) {
            // Account names are not secret, but listing them is configuration; keep the value.
            if (account != null && !account.isEmpty()) {
                items.add(account, account);
            }
            return items;
        }
        for (KubernetesAccount a : KubernetesAccounts.get().getAccounts()) {
            items.add(a.getName(), a.getName());
        }
        return items;
    }

    static ListBoxModel cleanupItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.FormSupport_Cleanup_ttl(), CleanupPolicy.TTL.id());
        items.add(Messages.FormSupport_Cleanup_onSuccess(), CleanupPolicy.ON_SUCCESS.id());
        items.add(Messages.FormSupport_Cleanup_always(), CleanupPolicy.ALWAYS.id());
        items.add(Messages.FormSupport_Cleanup_never(), CleanupPolicy.NEVER.id());
        return items;
    }
}
