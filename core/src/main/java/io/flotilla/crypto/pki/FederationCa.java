package io.flotilla.crypto.pki;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.internal.BcCertificates;
import io.flotilla.crypto.internal.BcRevocations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The federation's certificate authority, kept in a {@link KeyDirectory}. It issues node TLS certificates (ECDSA
 * P-256, which the JDK's TLS 1.3 engine accepts for both ends) and creates each node's Ed25519 identity key for
 * signing updates.
 */
public final class FederationCa {
    private static final String CA_ALIAS = "ca";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration NODE_VALIDITY = Duration.ofDays(825);
    private final KeyDirectory dir;
    private final String federation;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final SecureRandom random;

    private FederationCa(KeyDirectory dir, String federation, KeyPair caKeys, X509Certificate caCert,
                         SecureRandom random) {
        this.dir = dir;
        this.federation = federation;
        this.caKeys = caKeys;
        this.caCert = caCert;
        this.random = random;
    }

    /** Creates a new CA in {@code dir} (created if absent); refuses to overwrite an existing one. */
    public static FederationCa init(KeyDirectory dir, String federation, SecureRandom random)
            throws IOException, GeneralSecurityException {
        KeyDirectory.checkName(federation);
        Files.createDirectories(dir.dir());
        KeyPair keys = newP256(random);
        X509Certificate cert = BcCertificates.selfSignedCa(keys, federation, CA_VALIDITY, random);
        writeStore(dir.caStore(), CA_ALIAS, keys.getPrivate(), new Certificate[] {cert}, random);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(CA_ALIAS, cert);
        saveStore(trust, dir.trustStore(), random);
        Files.writeString(dir.caCertificate(), pem(cert));
        return new FederationCa(dir, federation, keys, cert, random);
    }

    /** Loads the CA of {@code dir}. */
    public static FederationCa load(KeyDirectory dir, SecureRandom random) throws IOException,
            GeneralSecurityException {
        char[] pw = KeyDirectory.readPassword(dir.caStore());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.caStore())) {
            ks.load(in, pw);
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(CA_ALIAS);
        PrivateKey key = (PrivateKey) ks.getKey(CA_ALIAS, pw);
        String subject = cert.getSubjectX500Principal().getName();
        String federation = subject.replaceAll(".*O=([^,]+).*", "$1");
        return new FederationCa(dir, federation, new KeyPair(cert.getPublicKey(), key), cert, random);
    }

    public X509Certificate certificate() {
        return caCert;
    }

    public String federation() {
        return federation;
    }

    /**
     * Issues {@code name} a TLS key and certificate for {@code role} into {@code NAME.p12}, and an Ed25519
     * identity key into {@code NAME.identity.key}/{@code .pub} with its certificate {@code NAME.identity.crt} (same
     * role and federation). Returns the identity public key's hex form.
     */
    public String issue(NodeRole role, String name) throws IOException, GeneralSecurityException {
        KeyDirectory.checkName(name);
        KeyPair node = newP256(random);
        X509Certificate cert = BcCertificates.issueNode(caKeys, caCert, node.getPublic(), federation, role.label(),
                name, NODE_VALIDITY, random);
        writeStore(dir.nodeStore(name), name, node.getPrivate(), new Certificate[] {cert, caCert}, random);
        Ed25519PrivateKey identity = Ed25519PrivateKey.generate(random);
        HexFormat hex = HexFormat.of();
        SecretFiles.writeOwnerOnly(dir.identityKey(name),
                hex.formatHex(identity.seed().toByteArrayInsecure()).getBytes(StandardCharsets.US_ASCII));
        String pub = hex.formatHex(identity.publicKey().toBytes());
        Files.writeString(dir.identityPublicKey(name), pub + "\n");
        X509Certificate identityCert = BcCertificates.issueIdentity(caKeys, caCert, identity.publicKey().toBytes(),
                federation, role.label(), name, NODE_VALIDITY, random);
        Files.writeString(dir.identityCertificate(name), pem(identityCert));
        return pub;
    }

    /**
     * Revokes the certificate of node {@code name} (its {@code NAME.p12} in this directory): rewrites
     * {@link KeyDirectory#revocationList()} with every earlier entry and this one, signed by the CA. The file is
     * replaced atomically, so a gateway polling it never reads half a list. Returns the revoked serial number.
     */
    public BigInteger revoke(String name) throws IOException, GeneralSecurityException {
        KeyDirectory.checkName(name);
        Path store = dir.nodeStore(name);
        if (!Files.isRegularFile(store)) {
            throw new IllegalArgumentException("no certificate issued to '" + name + "' in " + dir.dir());
        }
        char[] pw = KeyDirectory.readPassword(store);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pw);
        }
        java.util.Arrays.fill(pw, '\0');
        X509Certificate cert = (X509Certificate) ks.getCertificate(name);
        X509CRL previous = null;
        BigInteger number = BigInteger.ONE;
        if (Files.isRegularFile(dir.revocationList())) {
            try (InputStream in = Files.newInputStream(dir.revocationList())) {
                previous = (X509CRL) CertificateFactory.getInstance("X.509")
                        .generateCRL(in);
            }
            previous.verify(caCert.getPublicKey());
            number = BigInteger.valueOf(previous.getRevokedCertificates() == null ? 1
                    : previous.getRevokedCertificates().size() + 1L);
        }
        X509CRL crl = BcRevocations.withRevoked(caKeys, caCert,
                previous, cert.getSerialNumber(), number, CA_VALIDITY);
        Path tmp = dir.revocationList().resolveSibling("ca.crl.tmp");
        Files.write(tmp, crl.getEncoded());
        Files.move(tmp, dir.revocationList(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return cert.getSerialNumber();
    }

    private static KeyPair newP256(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static void writeStore(java.nio.file.Path file, String alias, PrivateKey key, Certificate[] chain,
                                   SecureRandom random) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = SecretFiles.newPassword(random);
        ks.setKeyEntry(alias, key, pw, chain);
        save(ks, file, pw);
    }

    private static void saveStore(KeyStore ks, java.nio.file.Path file, SecureRandom random)
            throws IOException, GeneralSecurityException {
        save(ks, file, SecretFiles.newPassword(random));
    }

    private static void save(KeyStore ks, java.nio.file.Path file, char[] pw)
            throws IOException, GeneralSecurityException {
        SecretFiles.writeOwnerOnly(KeyDirectory.passwordFile(file),
                new String(pw).getBytes(StandardCharsets.US_ASCII));
        try (OutputStream out = SecretFiles.createOwnerOnly(file)) {
            ks.store(out, pw);
        }
        java.util.Arrays.fill(pw, '\0');
    }

    static String pem(X509Certificate cert) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
