package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

/** Declared from Spring Security 6 (spring-security-bom 6.5.7 in Jenkins 2.541.3): who is acting. */
public interface Authentication extends Principal, Serializable {
    Object getCredentials();

    Object getDetails();

    Object getPrincipal();

    boolean isAuthenticated();

    void setAuthenticated(boolean isAuthenticated) throws IllegalArgumentException;
}
