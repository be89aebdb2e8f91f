package io.flotilla.sdk;

import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real federation key directory in a temp dir, from {@link FederationCa}: a client certificate and identity key,
 * and a gateway certificate. The gateway's is signed here with the CA's key (OU = gateway) because the role enum
 * on this branch has no GATEWAY yet; the trust branch adds it, and then {@code FederationCa.issue} does this.
 */
final class TestPki {
    static final String FEDERATION = "sdkfed";
    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyDirectory keys;

    private TestPki(KeyDirectory keys) {
        this.keys = keys;
    }

    /** A CA of {@code federation} in {@code dir}, with client {@code clients...} and gateway {@code gw} issued. */
    static TestPki create(Path dir, String federation, String gateway, String... clients) throws Exception {
        KeyDirectory keys = new KeyDirectory(dir);
        FederationCa ca = FederationCa.init(keys, federation, RANDOM);
        for (String c : clients) {
            ca.issue(NodeRole.CLIENT, c);
        }
        issueGateway(keys, federation, gateway);
        return new TestPki(keys);
    }

    /** Writes {@code name.p12} (+ password) for a gateway: an ECDSA P-256 key, OU = gateway, signed by the CA. */
    static void issueGateway(KeyDirectory keys, String federation, String name) throws Exception {
        KeyStore caStore = load(keys.caStore());
        char[] caPw = password(keys.caStore());
        PrivateKey caKey = (PrivateKey) caStore.getKey("ca", caPw);
        X509Certificate caCert = (X509Certificate) caStore.getCertificate("ca");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair node = g.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, new BigInteger(127, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=" + name + ",OU=gateway,O=" + federation), node.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "gateway-test-password".toCharArray();
        ks.setKeyEntry(name, node.getPrivate(), pw, new Certificate[] {cert, caCert});
        try (OutputStream out = Files.newOutputStream(keys.nodeStore(name))) {
            ks.store(out, pw);
        }
        Files.writeString(KeyDirectory.passwordFile(keys.nodeStore(name)), new String(pw));
    }

    static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password(store));
        }
        return ks;
    }

    static char[] password(Path store) throws Exception {
        return new String(Files.readAllBytes(KeyDirectory.passwordFile(store)), StandardCharsets.US_ASCII).trim()
                .toCharArray();
    }
}
