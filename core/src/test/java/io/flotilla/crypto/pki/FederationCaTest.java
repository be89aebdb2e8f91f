package io.flotilla.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.Ed25519PrivateKey;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederationCaTest {
    @TempDir
    Path tmp;

    @Test
    void issuesCaSignedNodeCertificatesWithRoleAndOwnerOnlySecrets() throws Exception {
        KeyDirectory dir = new KeyDirectory(tmp.resolve("keys"));
        FederationCa ca = FederationCa.init(dir, "fed-a", new SecureRandom());
        String pub = ca.issue(NodeRole.CLIENT, "hospital-3");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.nodeStore("hospital-3"))) {
            ks.load(in, KeyDirectory.readPassword(dir.nodeStore("hospital-3")));
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("hospital-3");
        cert.verify(ca.certificate().getPublicKey());
        assertEquals("CN=hospital-3,OU=client,O=fed-a", cert.getSubjectX500Principal().getName());
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");

        for (Path p : new Path[] {dir.caStore(), KeyDirectory.passwordFile(dir.caStore()), dir.nodeStore("hospital-3"),
                KeyDirectory.passwordFile(dir.nodeStore("hospital-3")), dir.identityKey("hospital-3")}) {
            assertEquals(SecretFiles.OWNER_ONLY, Files.getPosixFilePermissions(p), p.toString());
        }
        Ed25519PrivateKey id = IdentityKeys.loadPrivate(dir, "hospital-3");
        assertEquals(id.publicKey(), IdentityKeys.loadPublic(dir, "hospital-3"));
        assertEquals(pub, java.util.HexFormat.of().formatHex(id.publicKey().toBytes()));

        FederationCa reloaded = FederationCa.load(dir, new SecureRandom());
        assertEquals("fed-a", reloaded.federation());
        reloaded.issue(NodeRole.COORDINATOR, "coord");
        assertThrows(FileAlreadyExistsException.class, () -> reloaded.issue(NodeRole.CLIENT, "hospital-3"));
        assertThrows(FileAlreadyExistsException.class,
                () -> FederationCa.init(dir, "fed-a", new SecureRandom()));
    }

    @Test
    void badNodeNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyDirectory.checkName("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> KeyDirectory.checkName(""));
    }
}
