package com.cloudbees.plugins.credentials.common;

/** The "Certificate" credential type. */
public interface StandardCertificateCredentials extends StandardCredentials, CertificateCredentials {}
