package io.jenkins.plugins.kubesteps;

import hudson.model.Run;
import io.jenkins.plugins.kubesteps.accounts.ClientCache;
import io.jenkins.plugins.kubesteps.accounts.CredentialsConverter;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccount;
import io.jenkins.plugins.kubesteps.accounts.KubernetesAccounts;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterConnection;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.io.IOException;

/**
 * Turns the step's connection fields (an account name, or credentials id and server) into a
 * leased client. Called at start and again on resume, so credentials are always read fresh from
 * the store and never kept in the persisted execution.
 */
final class ConnectionResolver {
    private ConnectionResolver() {}

    static ClientCache.Lease lease(JobSettings settings, Run<?, ?> run) throws IOException {
        String account = settings.getAccount();
        if (account != null) {
            KubernetesAccounts accounts = KubernetesAccounts.get();
            KubernetesAccount a = accounts.find(account);
            ClusterCredentials credentials = a.isInCluster()
                    ? accounts.inClusterCredentials()
                    : CredentialsConverter.convert(
                            a.getCredentialsId() == null
                                    ? null
                                    : CredentialsConverter.lookupForBuild(a.getCredentialsId(), run),
                            accounts.isAllowKubeconfigExec());
            String namespace = settings.getNamespace() != null ? settings.getNamespace() : a.getNamespace();
            ClusterConnection connection = new ClusterConnection(
                    a.getServerUrl(), a.getCaCertificate(), a.isSkipTlsVerify(), namespace, credentials);
            return ClientCache.shared().acquire("account:" + account, connection);
        }
        ClusterCredentials credentials = CredentialsConverter.convert(
                CredentialsConverter.lookupForBuild(settings.getCredentialsId(), run),
                KubernetesAccounts.get().isAllowKubeconfigExec());
        ClusterConnection connection = new ClusterConnection(
                settings.getServerUrl(),
                settings.getCaCertificate(),
                settings.isSkipTlsVerify(),
                settings.getNamespace(),
                credentials);
        return ClientCache.shared().acquire("credentials:" + settings.getCredentialsId(), connection);
    }
}
