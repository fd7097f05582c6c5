package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

/** Credentials with an id (what jobs store and look up). */
public interface IdCredentials extends Credentials {
    String getId();
}
