package io.flotilla.crypto.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** X.509 certificates for the federation CA and its nodes, built with bcpkix and signed with ECDSA P-256. */
public final class BcCertificates {
    private static final String SIG = "SHA256withECDSA";

    private BcCertificates() {
    }

    private static X500Name name(String federation, String organisationalUnit, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, federation)
                .addRDN(BCStyle.OU, organisationalUnit).addRDN(BCStyle.CN, commonName).build();
    }

    /** A self-signed CA certificate that may sign node certificates only (path length 0). */
    public static X509Certificate selfSignedCa(KeyPair ca, String federation, Duration validity,
                                               SecureRandom random) throws GeneralSecurityException {
        X500Name subject = name(federation, "ca", federation + " CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, ca.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
            return sign(b, ca);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot build CA certificate", e);
        }
    }

    /**
     * A node certificate: subject {@code O=federation, OU=role, CN=name}, usable for both TLS server and client
     * authentication since every Artery node is both, with the node name as DNS subject alternative name.
     */
    public static X509Certificate issueNode(KeyPair ca, X509Certificate caCert, PublicKey node, String federation,
                                            String role, String nodeName, Duration validity, SecureRandom random)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, new BigInteger(127, random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                name(federation, role, nodeName), node);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, nodeName)));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(node));
            return sign(b, ca);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot build node certificate", e);
        }
    }

    /**
     * An identity certificate: the node's Ed25519 signing key ({@code ed25519}, 32 raw bytes) certified by the CA for
     * subject {@code O=federation, OU=role, CN=name}, key usage digital signature only, so that a signature by the
     * key can be traced to a role without any other channel.
     */
    public static X509Certificate issueIdentity(KeyPair ca, X509Certificate caCert, byte[] ed25519, String federation,
                                                String role, String nodeName, Duration validity, SecureRandom random)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                ed25519);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()), new BigInteger(127, random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                name(federation, role, nodeName), key);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
            return sign(b, ca);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot build identity certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair ca) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIG).build(ca.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            cert.verify(ca.getPublic());
            return cert;
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign certificate", e);
        }
    }
}
