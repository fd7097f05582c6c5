package io.jenkins.plugins.kubesteps.testcluster.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads the PEM files openssl writes (certificate chains; keys as PKCS#8, PKCS#1 RSA or SEC1 EC)
 * without an extra crypto library: PKCS#1 and SEC1 keys are wrapped into PKCS#8, which the JDK
 * key factories understand.
 */
final class PemMaterial {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
    };
    private static final char[] PASSWORD = "kubesteps".toCharArray();

    private PemMaterial() {}

    /** A TLS context that presents {@code cert}/{@code key} and trusts clients signed by {@code clientCa}. */
    static SSLContext serverContext(Path cert, Path key, Path clientCa) throws IOException, GeneralSecurityException {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        List<Certificate> chain = certificates(Files.readString(cert));
        identity.setKeyEntry("kubelet", privateKey(Files.readString(key)), PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(Files.readString(clientCa))) {
            trusted.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    static List<Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals("CERTIFICATE")) {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(body(matcher))));
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no CERTIFICATE block found");
        }
        return certificates;
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            byte[] der = body(matcher);
            switch (matcher.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(wrap(RSA_ALGORITHM, der)));
                case "EC PRIVATE KEY":
                    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, ecCurve(der)));
                    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(wrap(algorithm, der)));
                default:
                    // parameters and other blocks ("EC PARAMETERS") may precede the key
            }
        }
        throw new GeneralSecurityException("no supported private key block (PKCS#8, RSA or EC) found");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException failure = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static byte[] body(Matcher matcher) {
        return Base64.getMimeDecoder().decode(matcher.group(2).trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        byte[] version = {0x02, 0x01, 0x00};
        return sequence(concat(version, algorithm, tlv(0x04, key)));
    }

    /**
     * The named curve of a SEC1 ECPrivateKey: SEQUENCE { version, OCTET STRING, [0] OID, [1] key }.
     * openssl always writes the [0] parameters, so they are required here.
     */
    private static byte[] ecCurve(byte[] der) throws GeneralSecurityException {
        int[] outer = header(der, 0);
        int pos = outer[0];
        int end = outer[0] + outer[1];
        while (pos < end) {
            int tag = der[pos] & 0xff;
            int[] element = header(der, pos);
            if (tag == 0xa0) {
                int[] oid = header(der, element[0]);
                int length = oid[0] + oid[1] - element[0];
                byte[] result = new byte[length];
                System.arraycopy(der, element[0], result, 0, length);
                return result;
            }
            pos = element[0] + element[1];
        }
        throw new GeneralSecurityException("EC private key without named curve parameters");
    }

    /** {start of content, content length} of the DER element at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        int first = der[pos + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {pos + 2, first};
        }
        int count = first & 0x7f;
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[pos + 2 + i] & 0xff);
        }
        return new int[] {pos + 2 + count, length};
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
