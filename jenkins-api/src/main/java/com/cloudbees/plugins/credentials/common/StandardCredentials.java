package com.cloudbees.plugins.credentials.common;

/** The recommended base of credential types: id plus description. */
public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
