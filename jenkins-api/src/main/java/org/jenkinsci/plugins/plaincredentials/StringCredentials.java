package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

/** The "Secret text" credential type (for us: a bearer token). */
public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
