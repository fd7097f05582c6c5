package io.jenkins.plugins.kubesteps.engine.connect;

import io.fabric8.kubernetes.client.internal.CertUtils;
import io.jenkins.plugins.kubesteps.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks PEM material before fabric8 sees it, so a bad certificate or key is reported when the
 * connection is configured, in words, and without quoting any of it. fabric8 wants PEM text
 * base64-encoded in its {@code *Data} fields; these methods return it that way.
 */
final class Pem {
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private Pem() {}

    /**
     * @param what names the field in messages, e.g. "CA certificate"
     * @return the PEM, base64-encoded, as fabric8's {@code caCertData} expects
     */
    static String certificatesAsData(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidInputException(
                    what + " is empty: give one or more PEM certificates" + " (-----BEGIN CERTIFICATE----- ...)");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidInputException(what + " is not PEM: expected one or more -----BEGIN CERTIFICATE-----"
                    + " blocks (a DER or PKCS#12 file must be converted to PEM first)");
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new InvalidInputException(what + " contains no certificate");
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException(what + " cannot be read: a -----BEGIN CERTIFICATE----- block is damaged"
                    + " (check that it was copied whole, without extra characters)");
        }
        return encode(pem);
    }

    /** Base64 of a PEM text, as fabric8's {@code *Data} fields expect. */
    static String encode(String pem) {
        return Base64.getEncoder().encodeToString(pem.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** PEM text from a kubeconfig's base64 {@code *-data} field, or null when it is not base64. */
    static String decode(String data) {
        try {
            return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Checks that the certificate chain and private key load the way fabric8 will load them.
     *
     * @param what names the credential in messages, e.g. "client certificate"
     * @return the key algorithm fabric8 must be told: "RSA" or "EC"
     */
    static String checkClientKeyPair(String certificatePem, String privateKeyPem, String what) {
        certificatesAsData(certificatePem, what);
        if (privateKeyPem == null || privateKeyPem.isBlank()) {
            throw new InvalidInputException(what + ": the private key is empty; give it in PEM"
                    + " (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        Matcher m = KEY_BLOCK.matcher(privateKeyPem);
        if (!m.find()) {
            throw new InvalidInputException(what + ": the private key is not a PEM private key; expected a"
                    + " -----BEGIN PRIVATE KEY----- (PKCS#8), RSA PRIVATE KEY or EC PRIVATE KEY block");
        }
        String type = m.group(1);
        if (type.startsWith("ENCRYPTED")) {
            throw new InvalidInputException(what + ": the private key is encrypted with a passphrase, which is not"
                    + " supported; store it decrypted (openssl pkcs8 -in key.pem -out plain.pem)");
        }
        String algorithm = type.startsWith("RSA") ? "RSA" : type.startsWith("EC") ? "EC" : pkcs8Algorithm(m.group(2));
        if (algorithm == null) {
            throw new InvalidInputException(what + ": the private key is neither an RSA nor an EC key, or is damaged");
        }
        try {
            CertUtils.createKeyStore(
                    encode(certificatePem), null, encode(privateKeyPem), null, algorithm, "changeit", null, null);
        } catch (Exception e) {
            // the cause is dropped on purpose: parser messages can carry bytes of the key
            throw new InvalidInputException(what + ": the " + algorithm + " private key cannot be read"
                    + " (damaged, or in a format other than PKCS#1, SEC1 or PKCS#8)");
        }
        return algorithm;
    }

    private static String pkcs8Algorithm(String base64Body) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64Body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return algorithm;
            } catch (Exception e) {
                // try the next algorithm
            }
        }
        return null;
    }
}
