package com.cloudbees.plugins.credentials.common;

/** Drop-down of {@link StandardCredentials} ids, the usual credentials field model. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
