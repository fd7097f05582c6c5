package io.jenkins.plugins.kubesteps.accounts;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.kubesteps.Messages;
import io.jenkins.plugins.kubesteps.engine.connect.ClusterCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Finds Jenkins credentials by id and turns them into the engine's {@link ClusterCredentials}.
 * A missing id fails naming the id: falling back to another identity (the controller's service
 * account, an anonymous client) would run the Job as someone else.
 */
public final class CredentialsConverter {
    private CredentialsConverter() {}

    /**
     * A step's own {@code credentialsId}: looked up as the build's authentication, in the build's
     * folders and the global store (System scope excluded, as for every build-time lookup), and
     * only in domains that allow {@code serverUrl}, so a token restricted to one server is never
     * sent to another. Records the use on the build.
     */
    public static StandardCredentials lookupForBuild(String id, String serverUrl, Run<?, ?> run) throws AbortException {
        StandardCredentials found =
                CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements(serverUrl));
        if (found == null) {
            throw new AbortException(Messages.CredentialsConverter_NotFound(id));
        }
        CredentialsProvider.track(run, found);
        return found;
    }

    /**
     * An account's credentials: accounts are administrator configuration, so they are looked up
     * as Jenkins clouds look theirs up, as SYSTEM in the global store, where System-scoped
     * credentials (invisible to builds) are allowed. Also used by the account form's connection test.
     *
     * @param run the build using the account, to record the use; null for the form
     */
    public static StandardCredentials lookupForAccount(String id, String serverUrl, Run<?, ?> run)
            throws AbortException {
        if (id == null) {
            return null;
        }
        StandardCredentials found = CredentialsProvider.findCredentialByIdInItemGroup(
                id, StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(serverUrl));
        if (found == null) {
            throw new AbortException(Messages.CredentialsConverter_NotFound(id));
        }
        if (run != null) {
            CredentialsProvider.track(run, found);
        }
        return found;
    }

    private static List<DomainRequirement> requirements(String serverUrl) {
        return serverUrl == null
                ? List.of()
                : URIRequirementBuilder.fromUri(serverUrl.strip()).build();
    }

    /**
     * @param credentials null for an anonymous connection (an account without credentials)
     * @param allowKubeconfigExec whether a Secret file kubeconfig may run an exec plugin on the
     *     controller: only an account's own setting ({@link KubernetesAccount#isAllowKubeconfigExec()})
     *     may allow it
     * @throws AbortException for a kind of credentials a cluster cannot use; names the id only
     */
    public static ClusterCredentials convert(StandardCredentials credentials, boolean allowKubeconfigExec)
            throws IOException {
        if (credentials == null) {
            return new ClusterCredentials.None();
        }
        if (credentials instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                return new ClusterCredentials.Kubeconfig(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), null, allowKubeconfigExec);
            }
        }
        if (credentials instanceof StringCredentials token) {
            return new ClusterCredentials.BearerToken(token.getSecret().getPlainText());
        }
        if (credentials instanceof StandardUsernamePasswordCredentials user) {
            return new ClusterCredentials.UsernamePassword(
                    user.getUsername(), user.getPassword().getPlainText());
        }
        if (credentials instanceof StandardCertificateCredentials certificate) {
            return clientCertificate(certificate);
        }
        throw new AbortException(Messages.CredentialsConverter_Unsupported(
                credentials.getId(), credentials.getClass().getSimpleName()));
    }

    /** The first key entry of the keystore, as the PEM the engine (and kubeconfig files) use. */
    private static ClusterCredentials clientCertificate(StandardCertificateCredentials credentials)
            throws AbortException {
        KeyStore keyStore = credentials.getKeyStore();
        Secret password = credentials.getPassword();
        char[] pass = password.getPlainText().toCharArray();
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (!keyStore.isKeyEntry(alias)) {
                    continue;
                }
                Key key = keyStore.getKey(alias, pass);
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (key instanceof PrivateKey && chain != null && chain.length > 0) {
                    StringBuilder certificates = new StringBuilder();
                    for (Certificate c : chain) {
                        certificates.append(pem("CERTIFICATE", c.getEncoded()));
                    }
                    // getEncoded() of a private key is PKCS#8, whatever the algorithm.
                    return new ClusterCredentials.ClientCertificate(
                            certificates.toString(), pem("PRIVATE KEY", key.getEncoded()));
                }
            }
        } catch (GeneralSecurityException e) {
            // The exception text could describe key material; say only which credentials failed.
            throw new AbortException(Messages.CredentialsConverter_BadKeyStore(
                    credentials.getId(), e.getClass().getSimpleName()));
        }
        throw new AbortException(Messages.CredentialsConverter_NoKeyEntry(credentials.getId()));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
