package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

/** Where a credential may be used. */
public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only declaration");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
