package io.flotilla.wire.terms;

import io.flotilla.crypto.pki.CertificateSubject;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.NodeRole;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * A client's check of signed round terms before it acts on them: the signer's certificate was issued by the
 * federation CA, is valid now, names role {@code coordinator} and this federation, and certifies an Ed25519 key;
 * the signature over the domain-separated terms verifies under that key; the terms are of this federation and for
 * this client. Anything else is a {@link TermsRejectedException} whose message says which check failed.
 * Thread-safe.
 */
public final class RoundTermsVerifier {
    private final X509Certificate ca;
    private final String federation;
    private final String clientId;

    /**
     * @param ca the federation CA certificate
     * @param federation the federation id
     * @param clientId the client this verifier accepts terms for
     */
    public RoundTermsVerifier(X509Certificate ca, String federation, String clientId) {
        if (ca == null || federation == null || clientId == null) {
            throw new IllegalArgumentException("ca, federation and clientId are required");
        }
        this.ca = ca;
        this.federation = federation;
        this.clientId = clientId;
    }

    public String federation() {
        return federation;
    }

    public String clientId() {
        return clientId;
    }

    /** The terms in {@code signed}, if they pass every check. */
    public RoundTerms verify(byte[] signed) throws TermsRejectedException {
        SignedRoundTerms s;
        try {
            s = SignedRoundTerms.decode(signed);
        } catch (MalformedTermsException e) {
            throw new TermsRejectedException(e.getMessage(), e);
        }
        X509Certificate cert;
        try {
            cert = IdentityCertificates.fromDer(s.certificate());
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TermsRejectedException("signer certificate was not issued by the federation CA");
        }
        try {
            cert.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new TermsRejectedException("signer certificate is not valid now");
        }
        CertificateSubject subject;
        try {
            subject = CertificateSubject.of(cert);
        } catch (IllegalArgumentException e) {
            throw new TermsRejectedException("signer certificate: " + e.getMessage());
        }
        if (subject.role() != NodeRole.COORDINATOR) {
            throw new TermsRejectedException("terms signed by a '" + subject.roleLabel() + "' certificate ("
                    + subject.name() + "), not a coordinator's");
        }
        if (!subject.federation().equals(federation)) {
            throw new TermsRejectedException("signer is of federation '" + subject.federation() + "'");
        }
        try {
            IdentityCertificates.ed25519Key(cert).verify(s.signature(), RoundTermsSigner.message(s.terms()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TermsRejectedException("round terms signature does not verify");
        }
        RoundTerms terms;
        try {
            terms = RoundTerms.decode(s.terms());
        } catch (MalformedTermsException e) {
            throw new TermsRejectedException(e.getMessage(), e);
        }
        if (!terms.federation().equals(federation)) {
            throw new TermsRejectedException("terms are for federation '" + terms.federation() + "'");
        }
        if (!terms.clientId().equals(clientId)) {
            throw new TermsRejectedException("terms are for client '" + terms.clientId() + "', not '" + clientId
                    + "'");
        }
        return terms;
    }
}
