package io.flotilla.crypto.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** X.509 v2 certificate revocation lists of the federation CA, built with bcpkix and signed with ECDSA P-256. */
public final class BcRevocations {
    private static final String SIG = "SHA256withECDSA";

    private BcRevocations() {
    }

    /**
     * A CRL signed by the CA that lists every entry of {@code previous} (may be null) and {@code serial}, revoked
     * now, with {@code crlNumber} as its CRL number; valid until {@code now + nextUpdate}.
     */
    public static X509CRL withRevoked(KeyPair ca, X509Certificate caCert, X509CRL previous, BigInteger serial,
                                      BigInteger crlNumber, Duration nextUpdate) throws GeneralSecurityException {
        Instant now = Instant.now();
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(caCert.getSubjectX500Principal(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(nextUpdate)));
        try {
            if (previous != null) {
                b.addCRL(new X509CRLHolder(previous.getEncoded()));
            }
            b.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
            b.addExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber, false,
                    new org.bouncycastle.asn1.x509.CRLNumber(crlNumber));
            X509CRL crl = new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(SIG)
                    .build(ca.getPrivate())));
            crl.verify(ca.getPublic());
            return crl;
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the revocation list", e);
        }
    }
}
