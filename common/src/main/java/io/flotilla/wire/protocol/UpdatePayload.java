package io.flotilla.wire.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A client's delta for one round with the metadata that binds it: the plaintext an {@link UpdateSealer} seals.
 *
 * <p>Byte format (little-endian): magic {@code "FLUP"}, format version (int 1), round (int), model version
 * (long), client id length (int) and UTF-8 bytes, value count (int), then the values as float32. The delta array
 * is not copied (hot path: a model-sized array handed over once); callers must not modify it afterwards.
 *
 * @param round the round it was trained for
 * @param clientId the client that trained it
 * @param modelVersion the global model version it trained from
 * @param delta local minus global parameters
 */
public record UpdatePayload(int round, String clientId, long modelVersion, float[] delta) {
    private static final int MAGIC = 0x50554c46; // "FLUP" read little-endian
    private static final int VERSION = 1;
    private static final int FIXED_HEADER = 4 + 4 + 4 + 8 + 4 + 4;

    public UpdatePayload {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (delta == null) {
            throw new IllegalArgumentException("delta must not be null");
        }
    }

    /** Size of the encoding of a payload with {@code values} values and this client id, in bytes. */
    public static long encodedSize(String clientId, int values) {
        return FIXED_HEADER + (long) clientId.getBytes(StandardCharsets.UTF_8).length + 4L * values;
    }

    /** Largest valid encoding for a model of {@code values} values (longest client id). */
    public static long maxEncodedSize(int values) {
        return FIXED_HEADER + 4L * ProtocolChecks.MAX_ID_LENGTH + 4L * values;
    }

    /** The byte encoding described above. */
    public byte[] toBytes() {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        long size = FIXED_HEADER + (long) id.length + 4L * delta.length;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("update of " + delta.length + " values is too large to encode");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(round).putLong(modelVersion).putInt(id.length).put(id);
        b.putInt(delta.length);
        b.asFloatBuffer().put(delta);
        return b.array();
    }

    /**
     * Parses untrusted bytes; every length is checked against what remains before anything is allocated.
     *
     * @param maxValues the model's size: a payload claiming more values is refused before allocation
     * @throws IllegalArgumentException with the offending sizes when the bytes are not a valid payload
     */
    public static UpdatePayload fromBytes(byte[] bytes, int maxValues) {
        if (bytes.length < FIXED_HEADER) {
            throw new IllegalArgumentException("update payload has " + bytes.length + " bytes, header needs "
                    + FIXED_HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException("not an update payload: magic " + Integer.toHexString(magic));
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported update payload version " + version + ", expected "
                    + VERSION);
        }
        int round = b.getInt();
        long modelVersion = b.getLong();
        int idLength = b.getInt();
        if (idLength < 1 || idLength > 4 * ProtocolChecks.MAX_ID_LENGTH || idLength > b.remaining() - 4) {
            throw new IllegalArgumentException("client id length " + idLength + " invalid with " + b.remaining()
                    + " bytes left");
        }
        byte[] id = new byte[idLength];
        b.get(id);
        int count = b.getInt();
        if (count < 0 || count > maxValues) {
            throw new IllegalArgumentException("update claims " + count + " values, model has " + maxValues);
        }
        if ((long) count * 4 != b.remaining()) {
            throw new IllegalArgumentException("update claims " + count + " values (" + 4L * count
                    + " bytes) but " + b.remaining() + " bytes follow");
        }
        float[] delta = new float[count];
        b.asFloatBuffer().get(delta);
        return new UpdatePayload(round, strictUtf8(id), modelVersion, delta);
    }

    /** Malformed UTF-8 is an error rather than silently replaced, so a decoded id always re-encodes to its bytes. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("client id is not valid UTF-8", e);
        }
    }
}
