package io.flotilla.simulation;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.crypto.pki.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.terms.RoundTermsVerifier;

/**
 * The throwaway keys of one simulation run, made with the deployment's own key code under {@code root}
 * (owner-only): {@code tls/} holds a federation CA and the TLS certificates of the coordinator and of every host
 * ({@link FederationCa}); {@code identities/} the Ed25519 identity key of every virtual client, which its host signs
 * with; {@code enrolled/} their public halves, which the coordinator enrols, as a deployment's coordinator enrols
 * its clients' keys. Hosts get {@code host} certificates, the only kind that may run member client agents. A one-JVM
 * run makes them with no hosts and no clients: only the coordinator's TLS keys, so that its single-node cluster
 * listens over mutual TLS, never in plaintext, and its identity key and certificate, with which it signs every
 * round's terms as a deployment's coordinator does.
 */
public final class RunKeys {
    /** The federation id updates are bound to. */
    public static final String FEDERATION = "flotilla-simulation";
    /** The coordinator's node name. */
    public static final String COORDINATOR = "coordinator";

    private final Path root;

    private RunKeys(Path root) {
        this.root = root;
    }

    /** The key name of host {@code h}. */
    public static String hostName(int h) {
        return "host-" + h;
    }

    /** Creates fresh keys for a coordinator, {@code hosts} hosts and {@code clients} virtual clients. */
    public static RunKeys create(Path root, int hosts, int clients) throws IOException, GeneralSecurityException {
        RunKeys keys = new RunKeys(root);
        ownerOnlyDirectory(root);
        ownerOnlyDirectory(keys.tlsDir());
        ownerOnlyDirectory(keys.identitiesDir());
        ownerOnlyDirectory(keys.enrolledDir());
        SecureRandom random = new SecureRandom();
        FederationCa ca = FederationCa.init(new KeyDirectory(keys.tlsDir()), FEDERATION, random);
        ca.issue(NodeRole.COORDINATOR, COORDINATOR);
        for (int h = 0; h < hosts; h++) {
            ca.issue(NodeRole.HOST, hostName(h));
        }
        KeyDirectory identities = new KeyDirectory(keys.identitiesDir());
        KeyDirectory enrolled = new KeyDirectory(keys.enrolledDir());
        HexFormat hex = HexFormat.of();
        for (int c = 0; c < clients; c++) {
            String id = VirtualClients.clientId(c);
            Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
            byte[] seed = key.seed().toByteArrayInsecure();
            SecretFiles.writeOwnerOnly(identities.identityKey(id),
                    hex.formatHex(seed).getBytes(StandardCharsets.US_ASCII));
            java.util.Arrays.fill(seed, (byte) 0);
            Files.writeString(enrolled.identityPublicKey(id), hex.formatHex(key.publicKey().toBytes()) + "\n");
        }
        return keys;
    }

    /** The keys a run made earlier under {@code root}. */
    public static RunKeys open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no run keys in " + root);
        }
        return new RunKeys(root);
    }

    /** The TLS key directory: the CA's trust store and every node's {@code NAME.p12}. */
    public Path tlsDir() {
        return root.resolve("tls");
    }

    /** The virtual clients' identity keys ({@code NAME.identity.key}, owner-only). */
    public Path identitiesDir() {
        return root.resolve("identities");
    }

    /** The enrolled public identity keys the coordinator reads. */
    public Path enrolledDir() {
        return root.resolve("enrolled");
    }

    /** The identity key virtual client {@code clientId} signs its updates with. */
    public Ed25519PrivateKey identity(String clientId) throws IOException {
        return IdentityKeys.loadPrivate(new KeyDirectory(identitiesDir()), clientId);
    }

    /** The coordinator's signer of round terms, from its identity key and certificate in {@code tls}. */
    public static RoundTermsSigner termsSigner(Path tls) throws IOException {
        KeyDirectory dir = new KeyDirectory(tls);
        try {
            return new RoundTermsSigner(FEDERATION, IdentityKeys.loadPrivate(dir, COORDINATOR),
                    IdentityCertificates.load(dir, COORDINATOR));
        } catch (GeneralSecurityException e) {
            throw new IOException("the run's coordinator identity certificate is unusable: " + e.getMessage(), e);
        }
    }

    /** Client {@code clientId}'s verifier of round terms against the run's CA in {@code tls}. */
    public static RoundTermsVerifier termsVerifier(Path tls, String clientId) {
        try {
            return new RoundTermsVerifier(IdentityCertificates.loadCa(new KeyDirectory(tls)), FEDERATION, clientId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the files themselves are still written owner-only where supported.
        }
    }
}
