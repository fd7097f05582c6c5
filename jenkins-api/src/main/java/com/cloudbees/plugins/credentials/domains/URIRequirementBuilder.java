package com.cloudbees.plugins.credentials.domains;

import java.util.List;

/** Builds domain requirements from a URI. */
public class URIRequirementBuilder {
    public static URIRequirementBuilder create() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static URIRequirementBuilder fromUri(String uri) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public URIRequirementBuilder withUri(String uri) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
