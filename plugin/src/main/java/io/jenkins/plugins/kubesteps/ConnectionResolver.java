package io.jenkins.plugins.kubesteps;

import hudson.model.Run;
import io.jenkins.plugins.kubesteps.accounts.ClientCache;
import io.jenkins.plugins.kubesteps.accounts.CredentialsConverter;
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

    static ClientCache.Lease lease(ClusterStep<?> step, Run<?, ?> run) throws IOException {
        String account = step.getAccount();
        if (account != null) {
            ClusterConnection connection =
                    KubernetesAccounts.get().account(account).connectionFor(run, step.getNamespace());
            return ClientCache.shared().acquire("account:" + account, connection);
        }
        // A build's own credential never runs commands or reads files on the controller: whoever can
        // store a Secret file the job sees could otherwise choose what the controller runs.
        ClusterCredentials credentials = CredentialsConverter.convert(
                CredentialsConverter.lookupForBuild(step.getCredentialsId(), step.getServerUrl(), run), false);
        ClusterConnection connection = new ClusterConnection(
                step.getServerUrl(), step.getCaCertificate(), step.isSkipTlsVerify(), step.getNamespace(), credentials);
        return ClientCache.shared().acquire("credentials:" + step.getCredentialsId(), connection);
    }
}
