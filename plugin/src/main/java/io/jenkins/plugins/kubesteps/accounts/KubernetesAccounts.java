package io.jenkins.plugins.kubesteps.accounts;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.kubesteps.Messages;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The global list of {@link KubernetesAccount}s. JCasC writes it as
 * {@code unclassified: kubernetesAccounts: {allowInCluster: false, accounts: [...]}}; whether a
 * kubeconfig may run its exec plugin is a setting of each account.
 */
@Extension
@Symbol("kubernetesAccounts")
public class KubernetesAccounts extends GlobalConfiguration {
    private List<KubernetesAccount> accounts = new ArrayList<>();
    private boolean allowInCluster;
    /**
     * The one switch of earlier versions, which also let every build's own Secret file run
     * commands. Read from old configuration only, handed to each account, then dropped.
     */
    @Deprecated
    private Boolean allowKubeconfigExec;

    public KubernetesAccounts() {
        load();
        if (allowKubeconfigExec != null) {
            if (allowKubeconfigExec) {
                for (KubernetesAccount account : getAccounts()) {
                    account.setAllowKubeconfigExec(true);
                }
            }
            allowKubeconfigExec = null;
            save();
        }
    }

    @Override
    public String getDisplayName() {
        return Messages.KubernetesAccounts_DisplayName();
    }

    public static KubernetesAccounts get() {
        return Jenkins.get().getDescriptorByType(KubernetesAccounts.class);
    }

    public List<KubernetesAccount> getAccounts() {
        return accounts == null ? List.of() : List.copyOf(accounts);
    }

    @DataBoundSetter
    public void setAccounts(List<KubernetesAccount> accounts) {
        this.accounts = accounts == null ? new ArrayList<>() : new ArrayList<>(accounts);
        save();
    }

    public boolean isAllowInCluster() {
        return allowInCluster;
    }

    /**
     * In-cluster accounts run Jobs as the controller's own service account, which usually has
     * more rights than any one pipeline should; hence off unless an administrator opts in.
     */
    @DataBoundSetter
    public void setAllowInCluster(boolean allowInCluster) {
        this.allowInCluster = allowInCluster;
        save();
    }

    /** @throws AbortException naming the account, and listing the known ones, when it is not there */
    public KubernetesAccount account(String name) throws AbortException {
        for (KubernetesAccount a : getAccounts()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        List<String> known =
                getAccounts().stream().map(KubernetesAccount::getName).toList();
        throw new AbortException(Messages.KubernetesAccounts_Unknown(name, known));
    }

    /** The controller's service account, if an administrator allowed it. */
    public ClusterCredentials inClusterCredentials() throws AbortException {
        if (!allowInCluster) {
            throw new AbortException(Messages.KubernetesAccount_InClusterNotAllowed());
        }
        return new ClusterCredentials.InCluster();
    }

    /**
     * Binds the submitted form into new values, checks them, and only then replaces the current
     * configuration and saves it once: a rejected form leaves both the running and the saved
     * configuration as they were.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Object submitted = json.opt("accounts");
        // A form with every account removed sends no "accounts" key.
        List<KubernetesAccount> newAccounts =
                submitted == null ? List.of() : req.bindJSONToList(KubernetesAccount.class, submitted);
        List<String> duplicates = duplicateNames(newAccounts);
        if (!duplicates.isEmpty()) {
            throw new FormException(Messages.KubernetesAccounts_Duplicate(duplicates), "accounts");
        }
        accounts = new ArrayList<>(newAccounts);
        allowInCluster = json.optBoolean("allowInCluster");
        save();
        return true;
    }

    /** Duplicate names would make {@code account: 'x'} ambiguous: the first would silently win. */
    private static List<String> duplicateNames(List<KubernetesAccount> accounts) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (KubernetesAccount a : accounts) {
            if (!seen.add(a.getName())) {
                duplicates.add(a.getName());
            }
        }
        return duplicates;
    }
}
