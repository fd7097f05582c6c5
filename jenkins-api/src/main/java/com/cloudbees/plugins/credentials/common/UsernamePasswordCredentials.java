package com.cloudbees.plugins.credentials.common;

/** User name and password. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {}
