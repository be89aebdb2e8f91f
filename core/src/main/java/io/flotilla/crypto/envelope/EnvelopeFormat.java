package io.flotilla.crypto.envelope;

import io.flotilla.crypto.Hkdf;
import io.flotilla.crypto.SecretBytes;
import io.flotilla.crypto.X25519PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The canonical byte strings both sides derive: associated data, signed bytes, the envelope key. */
final class EnvelopeFormat {
    private static final byte[] AD_LABEL = "flotilla-update-ad-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIG_LABEL = "flotilla-update-sig-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_INFO = "flotilla-envelope-key-v1".getBytes(StandardCharsets.US_ASCII);

    private EnvelopeFormat() {
    }

    static byte[] associatedData(UpdateHeader h) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(200);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.write(AD_LABEL);
            writeString(out, h.federationId());
            out.writeLong(h.round());
            writeString(out, h.clientId());
            out.writeLong(h.modelVersion());
            out.write(h.paramsSha256());
            out.write(h.recipient().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static byte[] signedBytes(UpdateHeader h, X25519PublicKey ephemeral, byte[] tagDigest) {
        byte[] ad = associatedData(h);
        byte[] out = new byte[SIG_LABEL.length + ad.length + 32 + tagDigest.length];
        int o = 0;
        System.arraycopy(SIG_LABEL, 0, out, o, SIG_LABEL.length);
        o += SIG_LABEL.length;
        System.arraycopy(ad, 0, out, o, ad.length);
        o += ad.length;
        ephemeral.writeTo(out, o);
        o += 32;
        System.arraycopy(tagDigest, 0, out, o, tagDigest.length);
        return out;
    }

    /** Binds the key to both public keys so that it is specific to this sender and this round key. */
    static SecretBytes envelopeKey(SecretBytes shared, X25519PublicKey ephemeral, X25519PublicKey recipient) {
        byte[] salt = new byte[64];
        ephemeral.writeTo(salt, 0);
        recipient.writeTo(salt, 32);
        return Hkdf.sha256(shared, salt, KEY_INFO, 32);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }
}
