package io.flotilla.crypto.pki;

import io.flotilla.crypto.Ed25519PublicKey;
import io.flotilla.crypto.internal.BcCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Identity certificates: a node's Ed25519 identity key certified by the federation CA ({@link FederationCa#issue}
 * writes {@code NAME.identity.crt}), so that whoever holds the CA certificate can tell which role signed.
 */
public final class IdentityCertificates {
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
        return Ed25519PublicKey.fromBytes(BcCertificates.ed25519Key(cert));
    }
}
