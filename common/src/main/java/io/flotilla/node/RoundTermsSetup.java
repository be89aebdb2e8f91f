package io.flotilla.node;

import com.typesafe.config.Config;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.terms.RoundTermsVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Signing and verifying of round terms, set up once at start from {@code flotilla.keys} and
 * {@code flotilla.federation}. A node with a key directory takes part: the coordinator signs with
 * {@code NAME.identity.key} and its certificate {@code NAME.identity.crt}; a client verifies against the CA
 * certificate {@code ca.crt} and refuses unsigned instructions. Without a key directory (only possible with
 * {@code flotilla.tls = off} and {@code security = none}) neither side does, and that is logged by the caller's
 * insecure-transport warning.
 */
public final class RoundTermsSetup {
    private RoundTermsSetup() {
    }

    /** The coordinator's signer, or null without a key directory. */
    public static RoundTermsSigner signer(Config full) {
        String dir = full.getString("flotilla.keys.dir");
        String name = ClusterSetup.keyName(full);
        if (dir.isBlank() || name.isBlank()) {
            return null;
        }
        KeyDirectory keys = new KeyDirectory(Path.of(dir));
        try {
            return new RoundTermsSigner(full.getString("flotilla.federation"), IdentityKeys.loadPrivate(keys, name),
                    IdentityCertificates.load(keys, name));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the coordinator signs each round's terms with its identity key and "
                    + "certificate (" + keys.identityKey(name).getFileName() + ", "
                    + keys.identityCertificate(name).getFileName() + " in " + dir + ", written by `flotilla keys "
                    + "issue --role coordinator --name " + name + "`): " + e.getMessage(), e);
        }
    }

    /** Client {@code clientId}'s verifier, or null without a key directory. */
    public static RoundTermsVerifier verifier(Config full, String clientId) {
        String dir = full.getString("flotilla.keys.dir");
        if (dir.isBlank()) {
            return null;
        }
        KeyDirectory keys = new KeyDirectory(Path.of(dir));
        try {
            return new RoundTermsVerifier(IdentityCertificates.loadCa(keys), full.getString("flotilla.federation"),
                    clientId);
        } catch (IOException e) {
            throw new IllegalArgumentException("a client verifies the coordinator's round terms against the CA "
                    + "certificate " + keys.caCertificate() + ": " + e.getMessage(), e);
        }
    }
}
