package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import java.security.KeyStore;

/** A client certificate in a key store; the password protects the store. */
public interface CertificateCredentials extends Credentials, PasswordCredentials {
    KeyStore getKeyStore();
}
