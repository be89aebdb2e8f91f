package io.flotilla.crypto.pki;

import io.flotilla.crypto.Ed25519PublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Identity certificates: a node's Ed25519 identity key certified by the federation CA ({@link FederationCa#issue}
 * writes {@code NAME.identity.crt}), so that whoever holds the CA certificate can tell which role signed.
 */
public final class IdentityCertificates {
    /**
     * The DER of an Ed25519 SubjectPublicKeyInfo (RFC 8410) up to the key: SEQUENCE { SEQUENCE { OID 1.3.101.112 },
     * BIT STRING of 33 bytes (no unused bits) }. The encoding is unique, so a byte comparison is a complete check.
     */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private IdentityCertificates() {
    }

    /** Reads {@code NAME.identity.crt} (PEM). */
    public static X509Certificate load(KeyDirectory dir, String name) throws IOException {
        try (InputStream in = Files.newInputStream(dir.identityCertificate(name))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(dir.identityCertificate(name) + " is not a certificate", e);
        }
    }

    /** Reads the CA certificate {@code ca.crt} (PEM). */
    public static X509Certificate loadCa(KeyDirectory dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.caCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(dir.caCertificate() + " is not a certificate", e);
        }
    }

    /** Parses a DER certificate from untrusted bytes. */
    public static X509Certificate fromDer(byte[] der) throws GeneralSecurityException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // the JDK parser may throw unchecked exceptions on hostile DER
            throw new GeneralSecurityException("not a DER X.509 certificate", e);
        }
    }

    /** The Ed25519 key {@code cert} certifies; refuses a certificate of any other key type. */
    public static Ed25519PublicKey ed25519Key(X509Certificate cert) throws GeneralSecurityException {
        // Parsed with the JDK alone: edge clients verify round terms with this, and the SDK's jar carries no
        // BouncyCastle PKIX classes (which crypto.internal.BcCertificates links against).
        byte[] spki = cert.getPublicKey().getEncoded();
        int n = ED25519_SPKI_PREFIX.length;
        if (spki == null || spki.length != n + Ed25519PublicKey.SIZE
                || !Arrays.equals(spki, 0, n, ED25519_SPKI_PREFIX, 0, n)) {
            throw new GeneralSecurityException("certificate key is " + cert.getPublicKey().getAlgorithm()
                    + ", not Ed25519");
        }
        return Ed25519PublicKey.fromBytes(Arrays.copyOfRange(spki, n, spki.length));
    }
}
