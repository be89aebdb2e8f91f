package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.node.TlsConfig;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunKeysTest {
    @TempDir
    Path tmp;

    @Test
    void aRunGetsACaNodeCertificatesAndOneEnrolledIdentityPerClient() throws Exception {
        RunKeys keys = RunKeys.create(tmp.resolve("keys"), 2, 3);
        KeyDirectory tls = new KeyDirectory(keys.tlsDir());
        for (String node : new String[] {"coordinator", "host-0", "host-1"}) {
            assertTrue(Files.isRegularFile(tls.nodeStore(node)), node);
            // The deployment's TLS code accepts them, and each certificate is signed by the run's CA.
            assertTrue(TlsConfig.forNode(tls, node).hasPath("akka.remote.artery.ssl"), node);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(tls.nodeStore(node))) {
                store.load(in, Files.readString(KeyDirectory.passwordFile(tls.nodeStore(node))).strip().toCharArray());
            }
            Certificate[] chain = store.getCertificateChain(node);
            chain[0].verify(chain[chain.length - 1].getPublicKey());
            assertEquals(((X509Certificate) chain[chain.length - 1]).getSubjectX500Principal(),
                    ((X509Certificate) chain[0]).getIssuerX500Principal(), node);
        }
        KeyDirectory enrolled = new KeyDirectory(keys.enrolledDir());
        for (String id : new String[] {"client-00000", "client-00001", "client-00002"}) {
            Ed25519PrivateKey key = keys.identity(id);
            assertArrayEquals(key.publicKey().toBytes(), IdentityKeys.loadPublic(enrolled, id).toBytes(), id);
        }
        assertEquals(3, Files.list(keys.enrolledDir()).count(), "only the clients are enrolled");
        assertTrue(Files.notExists(keys.identitiesDir().resolve("client-00003.identity.key")));
    }

    @Test
    void keysAndTheirFoldersAreOwnerOnly() throws Exception {
        RunKeys keys = RunKeys.create(tmp.resolve("keys"), 1, 1);
        for (Path dir : new Path[] {tmp.resolve("keys"), keys.tlsDir(), keys.identitiesDir(), keys.enrolledDir()}) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
                    dir.toString());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keys.identitiesDir().resolve("client-00000.identity.key"))));
    }

    @Test
    void theIdentitiesOfTwoRunsDiffer() throws Exception {
        RunKeys a = RunKeys.create(tmp.resolve("a"), 1, 1);
        RunKeys b = RunKeys.create(tmp.resolve("b"), 1, 1);
        assertTrue(!java.util.Arrays.equals(a.identity("client-00000").publicKey().toBytes(),
                b.identity("client-00000").publicKey().toBytes()));
    }

    @Test
    void openingAMissingFolderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunKeys.open(tmp.resolve("nothing")));
    }
}
