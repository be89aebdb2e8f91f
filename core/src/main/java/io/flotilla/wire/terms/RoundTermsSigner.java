package io.flotilla.wire.terms;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.pki.CertificateSubject;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.NodeRole;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;

/**
 * The coordinator's signer of round terms: its Ed25519 identity key and that key's CA certificate. Checks once at
 * construction that the certificate is a coordinator's, of the federation, and certifies this very key, so a
 * misconfigured coordinator fails at start rather than having every client refuse it. Thread-safe.
 */
public final class RoundTermsSigner {
    /** Domain separation: a terms signature can never be taken for any other signature of the same key. */
    static final byte[] CONTEXT = "flotilla/round-terms/v1\0".getBytes(StandardCharsets.US_ASCII);

    private final String federation;
    private final Ed25519PrivateKey key;
    private final byte[] certificate;

    public RoundTermsSigner(String federation, Ed25519PrivateKey key, X509Certificate certificate)
            throws GeneralSecurityException {
        CertificateSubject subject = CertificateSubject.of(certificate);
        if (subject.role() != NodeRole.COORDINATOR || !subject.federation().equals(federation)) {
            throw new GeneralSecurityException("identity certificate is for " + subject.roleLabel() + " of '"
                    + subject.federation() + "', not a coordinator of '" + federation + "'");
        }
        if (!MessageDigest.isEqual(IdentityCertificates.ed25519Key(certificate).toBytes(),
                key.publicKey().toBytes())) {
            throw new GeneralSecurityException("identity certificate does not certify this identity key");
        }
        this.federation = federation;
        this.key = key;
        this.certificate = certificate.getEncoded();
    }

    public String federation() {
        return federation;
    }

    /** Signs {@code terms}, which must be of this signer's federation. */
    public SignedRoundTerms sign(RoundTerms terms) {
        if (!terms.federation().equals(federation)) {
            throw new IllegalArgumentException("terms of federation '" + terms.federation() + "', signer of '"
                    + federation + "'");
        }
        byte[] bytes = terms.encode();
        return new SignedRoundTerms(bytes, key.sign(message(bytes)), certificate);
    }

    /** The signed message: the domain-separation context followed by the canonical terms. */
    public static byte[] message(byte[] terms) {
        byte[] m = new byte[CONTEXT.length + terms.length];
        System.arraycopy(CONTEXT, 0, m, 0, CONTEXT.length);
        System.arraycopy(terms, 0, m, CONTEXT.length, terms.length);
        return m;
    }
}
