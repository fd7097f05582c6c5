package com.cloudbees.plugins.credentials;

/** Factory of {@link CredentialsMatcher}s. */
public class CredentialsMatchers {
    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher instanceOf(Class clazz) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher withId(String id) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher allOf(CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
