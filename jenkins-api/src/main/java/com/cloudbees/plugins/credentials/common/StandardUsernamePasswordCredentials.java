package com.cloudbees.plugins.credentials.common;

/** The "Username with password" credential type. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials, UsernamePasswordCredentials {}
