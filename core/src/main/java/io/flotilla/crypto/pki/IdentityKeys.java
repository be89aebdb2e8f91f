package io.flotilla.crypto.pki;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.Ed25519PublicKey;
import io.flotilla.crypto.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Loads the Ed25519 identity keys that {@link FederationCa#issue} wrote. */
public final class IdentityKeys {
    private IdentityKeys() {
    }

    public static Ed25519PrivateKey loadPrivate(KeyDirectory dir, String name) throws IOException {
        return Ed25519PrivateKey.fromSeed(SecretBytes.copyFrom(readHex(dir.identityKey(name), 32)));
    }

    public static Ed25519PublicKey loadPublic(KeyDirectory dir, String name) throws IOException {
        return Ed25519PublicKey.fromBytes(readHex(dir.identityPublicKey(name), 32));
    }

    private static byte[] readHex(Path file, int size) throws IOException {
        String s = Files.readString(file).trim();
        if (s.length() != 2 * size) {
            throw new IOException(file + " holds " + s.length() + " hex digits, expected " + 2 * size);
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not hex");
        }
    }
}
