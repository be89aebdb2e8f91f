package io.flotilla.crypto.envelope;

import io.flotilla.crypto.X25519PublicKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The byte form of a {@link SealedUpdate}, for transfer as a blob in chunks. Decoding treats its input as hostile:
 * every length is checked against the remaining bytes and the configured maximum before anything is allocated.
 */
public final class SealedUpdateCodec {
    private static final int MAGIC = 0x464c5355; // "FLSU"
    private static final byte VERSION = 1;
    private final int maxCiphertextBytes;

    public SealedUpdateCodec(int maxCiphertextBytes) {
        if (maxCiphertextBytes <= 0) {
            throw new IllegalArgumentException("maximum ciphertext size must be positive, got "
                    + maxCiphertextBytes);
        }
        this.maxCiphertextBytes = maxCiphertextBytes;
    }

    public byte[] encode(SealedUpdate u) {
        byte[] ct = u.ciphertext();
        UpdateHeader h = u.header();
        int prefix = prefixSize(h.federationId(), h.clientId());
        byte[] out = new byte[Math.addExact(prefix, ct.length)];
        writePrefix(out, new SealedInPlace(h, u.ephemeralKey(), u.signature()), ct.length);
        System.arraycopy(ct, 0, out, prefix, ct.length);
        return out;
    }

    /**
     * Bytes that precede the ciphertext in the encoding of an update of {@code federationId}'s client {@code
     * clientId}: a sealer can allocate the whole encoding once and seal the payload in place behind them.
     */
    public static int prefixSize(String federationId, String clientId) {
        return 4 + 1 + 2 + federationId.getBytes(StandardCharsets.UTF_8).length + 8 + 2
                + clientId.getBytes(StandardCharsets.UTF_8).length + 8 + 32 + 32 + 32 + SealedUpdate.SIGNATURE_SIZE + 4;
    }

    /**
     * Writes the {@link #prefixSize} bytes before a ciphertext of {@code ciphertextLength} bytes that lies at
     * {@code out[prefixSize ...]}; with it {@code out} is the encoding of the sealed update.
     */
    public static void writePrefix(byte[] out, SealedInPlace sealed, int ciphertextLength) {
        UpdateHeader h = sealed.header();
        int prefix = prefixSize(h.federationId(), h.clientId());
        if (ciphertextLength < 0 || out.length != (long) prefix + ciphertextLength) {
            throw new IllegalArgumentException("a prefix of " + prefix + " bytes and a ciphertext of "
                    + ciphertextLength + " bytes do not make a buffer of " + out.length + " bytes");
        }
        byte[] fed = h.federationId().getBytes(StandardCharsets.UTF_8);
        byte[] client = h.clientId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(out, 0, prefix);
        b.putInt(MAGIC).put(VERSION);
        b.putShort((short) fed.length).put(fed).putLong(h.round());
        b.putShort((short) client.length).put(client).putLong(h.modelVersion());
        b.put(h.paramsSha256()).put(h.recipient().toBytes()).put(sealed.ephemeralKey().toBytes());
        b.put(sealed.signature()).putInt(ciphertextLength);
    }

    /** Parses {@code bytes}; throws {@link IllegalArgumentException} with a precise message on bad input. */
    public SealedUpdate decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            int magic = b.getInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("bad magic " + Integer.toHexString(magic));
            }
            byte version = b.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown version " + version + ", expected " + VERSION);
            }
            String fed = readString(b, "federationId");
            long round = b.getLong();
            String client = readString(b, "clientId");
            long modelVersion = b.getLong();
            byte[] hash = readFixed(b, 32);
            X25519PublicKey recipient = X25519PublicKey.fromBytes(readFixed(b, 32));
            X25519PublicKey ephemeral = X25519PublicKey.fromBytes(readFixed(b, 32));
            byte[] sig = readFixed(b, SealedUpdate.SIGNATURE_SIZE);
            int len = b.getInt();
            if (len < 0 || len > maxCiphertextBytes || len != b.remaining()) {
                throw new IllegalArgumentException("ciphertext length " + len + " invalid: " + b.remaining()
                        + " bytes remain, maximum " + maxCiphertextBytes);
            }
            byte[] ct = readFixed(b, len);
            return new SealedUpdate(new UpdateHeader(fed, round, client, modelVersion, hash, recipient),
                    ephemeral, ct, sig);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("sealed update truncated at byte " + b.position() + " of "
                    + bytes.length);
        }
    }

    private static String readString(ByteBuffer b, String name) {
        int len = Short.toUnsignedInt(b.getShort());
        if (len == 0 || len > UpdateHeader.MAX_ID_BYTES || len > b.remaining()) {
            throw new IllegalArgumentException(name + " length " + len + " invalid: " + b.remaining()
                    + " bytes remain, maximum " + UpdateHeader.MAX_ID_BYTES);
        }
        return new String(readFixed(b, len), StandardCharsets.UTF_8);
    }

    private static byte[] readFixed(ByteBuffer b, int len) {
        if (len > b.remaining()) {
            throw new IllegalArgumentException("need " + len + " bytes, " + b.remaining() + " remain");
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }
}
