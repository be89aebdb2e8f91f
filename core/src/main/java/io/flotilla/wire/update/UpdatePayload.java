package io.flotilla.wire.update;

import io.flotilla.pruning.compression.UpdateDecoder;
import io.flotilla.wire.ProtocolChecks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A client's delta for one round with the metadata that binds it: the plaintext an {@link UpdateSealer} seals.
 * The delta is either dense ({@link #delta()}) or compressed ({@link #encodedDelta()}: the bytes of the
 * federation's {@link io.flotilla.pruning.compression.DeltaCodec}, decoded and checked by the coordinator after
 * opening); exactly one of the two is present.
 *
 * <p>Byte format (little-endian): magic {@code "FLUP"}, format version (int), round (int), model version
 * (long), client id length (int) and UTF-8 bytes, then for version 1 (dense) the value count (int) and the values
 * as float32, for version 2 (compressed) the byte count (int) and the codec bytes. The arrays are not copied (hot
 * path: a model-sized array handed over once); callers must not modify them afterwards.
 *
 * @param round the round it was trained for
 * @param clientId the client that trained it
 * @param modelVersion the global model version it trained from
 * @param delta local minus global parameters, or null when compressed
 * @param encodedDelta the compressed delta, or null when dense
 */
public record UpdatePayload(int round, String clientId, long modelVersion, float[] delta, byte[] encodedDelta) {
    private static final int MAGIC = 0x50554c46; // "FLUP" read little-endian
    private static final int VERSION = 1;
    private static final int VERSION_ENCODED = 2;
    private static final int FIXED_HEADER = 4 + 4 + 4 + 8 + 4 + 4;

    public UpdatePayload {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if ((delta == null) == (encodedDelta == null)) {
            throw new IllegalArgumentException("exactly one of delta and encodedDelta must be given");
        }
    }

    /** A dense update. */
    public UpdatePayload(int round, String clientId, long modelVersion, float[] delta) {
        this(round, clientId, modelVersion, delta, null);
    }

    /** A compressed update carrying {@code encodedDelta} (codec bytes, not copied). */
    public static UpdatePayload encoded(int round, String clientId, long modelVersion, byte[] encodedDelta) {
        return new UpdatePayload(round, clientId, modelVersion, null, encodedDelta);
    }

    /** True when the delta travels compressed. */
    public boolean isEncoded() {
        return encodedDelta != null;
    }

    /** Size of the encoding of a payload with {@code values} values and this client id, in bytes. */
    public static long encodedSize(String clientId, int values) {
        return FIXED_HEADER + (long) clientId.getBytes(StandardCharsets.UTF_8).length + 4L * values;
    }

    /**
     * Largest valid encoding for a model of {@code values} values (longest client id), dense or compressed (a
     * compressed delta is at most {@link UpdateDecoder#maxEncodedSize} bytes).
     */
    public static long maxEncodedSize(int values) {
        return FIXED_HEADER + 4L * ProtocolChecks.MAX_ID_LENGTH + Math.max(4L * values,
                UpdateDecoder.maxEncodedSize(values));
    }

    /** The byte encoding described above. */
    public byte[] toBytes() {
        byte[] out = new byte[encodedLength()];
        writeTo(out, 0);
        return out;
    }

    /** The length of {@link #toBytes()}. */
    public int encodedLength() {
        long body = encodedDelta != null ? encodedDelta.length : 4L * delta.length;
        long size = FIXED_HEADER + (long) clientId.getBytes(StandardCharsets.UTF_8).length + body;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("update of " + body + " bytes is too large to encode");
        }
        return (int) size;
    }

    /**
     * Writes {@link #toBytes()} into {@code out} at {@code offset}, for a sealer that encrypts it in place there.
     *
     * @throws IndexOutOfBoundsException when the encoding does not fit
     */
    public void writeTo(byte[] out, int offset) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(out, offset, encodedLength()).slice().order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(encodedDelta != null ? VERSION_ENCODED : VERSION).putInt(round).putLong(modelVersion)
                .putInt(id.length).put(id);
        if (encodedDelta != null) {
            b.putInt(encodedDelta.length).put(encodedDelta);
        } else {
            b.putInt(delta.length);
            b.asFloatBuffer().put(delta);
        }
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
        if (version != VERSION && version != VERSION_ENCODED) {
            throw new IllegalArgumentException("unsupported update payload version " + version + ", expected "
                    + VERSION + " or " + VERSION_ENCODED);
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
        if (version == VERSION_ENCODED) {
            long max = UpdateDecoder.maxEncodedSize(maxValues);
            if (count < 1 || count > max) {
                throw new IllegalArgumentException("compressed update claims " + count + " bytes, a " + maxValues
                        + "-value delta takes 1.." + max);
            }
            if (count != b.remaining()) {
                throw new IllegalArgumentException("compressed update claims " + count + " bytes but "
                        + b.remaining() + " follow");
            }
            byte[] encoded = new byte[count];
            b.get(encoded);
            return encoded(round, strictUtf8(id), modelVersion, encoded);
        }
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
