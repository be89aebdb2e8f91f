package io.flotilla.coordinator;

import io.flotilla.crypto.Sha256;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import io.flotilla.model.TensorSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Byte format of a {@link Checkpoint}: magic {@code FLCK}, version, round, model version, RNG state, config
 * (UTF-8), layout (tensor name, kind, shape), parameters (float32), strategy state (name, float32 array), since
 * version 2 the privacy ledgers (name, then per release: round int32, q float64, z float64, steps int32), and a
 * SHA-256 of everything before it as the last 32 bytes. Big-endian for headers and values alike. Version 1
 * checkpoints (no ledgers) still read.
 */
final class CheckpointCodec {
    private static final int MAGIC = 0x464c434b; // "FLCK"
    private static final int VERSION = 2;
    private static final int VERSION_WITHOUT_LEDGERS = 1;
    /** Bytes of one ledger entry: round, q, z, steps. */
    private static final int ENTRY_BYTES = 4 + 8 + 8 + 4;
    private static final int DIGEST = 32;

    private CheckpointCodec() {
    }

    static byte[] encode(Checkpoint c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * c.parameters().size());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(c.round());
            out.writeLong(c.modelVersion());
            out.writeLong(c.rngState());
            writeString(out, c.config());
            ModelLayout layout = c.parameters().layout();
            out.writeInt(layout.tensorCount());
            for (TensorSpec t : layout.tensors()) {
                writeString(out, t.name());
                out.writeInt(t.kind().ordinal());
                int[] shape = t.shape();
                out.writeInt(shape.length);
                for (int d : shape) {
                    out.writeInt(d);
                }
            }
            writeFloats(out, c.parameters().values());
            Map<String, float[]> state = new TreeMap<>(c.strategyState());
            out.writeInt(state.size());
            for (Map.Entry<String, float[]> e : state.entrySet()) {
                writeString(out, e.getKey());
                writeFloats(out, e.getValue());
            }
            out.writeInt(c.privacy().size());
            for (Map.Entry<String, List<LedgerEntry>> ledger : c.privacy().entrySet()) {
                writeString(out, ledger.getKey());
                out.writeInt(ledger.getValue().size());
                for (LedgerEntry e : ledger.getValue()) {
                    out.writeInt(e.round());
                    out.writeDouble(e.samplingRate());
                    out.writeDouble(e.noiseMultiplier());
                    out.writeInt(e.steps());
                }
            }
            out.flush();
            byte[] body = bytes.toByteArray();
            byte[] all = Arrays.copyOf(body, body.length + DIGEST);
            System.arraycopy(sha256(body, body.length), 0, all, body.length, DIGEST);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.BIG_ENDIAN);
        buf.asFloatBuffer().put(v);
        out.write(buf.array());
    }

    /**
     * Decodes and verifies a checkpoint; the checksum is checked before anything else is parsed, and every length
     * is checked against the bytes that remain.
     *
     * @throws IllegalArgumentException when the bytes are truncated, tampered with or malformed
     */
    static Checkpoint decode(byte[] all) {
        if (all.length < 8 + DIGEST) {
            throw new IllegalArgumentException("checkpoint has " + all.length + " bytes, too short");
        }
        int bodyLength = all.length - DIGEST;
        byte[] expected = Arrays.copyOfRange(all, bodyLength, all.length);
        if (!MessageDigest.isEqual(expected, sha256(all, bodyLength))) {
            throw new IllegalArgumentException("checkpoint checksum mismatch");
        }
        ByteBuffer b = ByteBuffer.wrap(all, 0, bodyLength).order(ByteOrder.BIG_ENDIAN);
        try {
            return decodeBody(b);
        } catch (java.nio.BufferUnderflowException e) {
            // A fixed-width field ran past the end: a body that checksums but was written truncated.
            throw new IllegalArgumentException("checkpoint body ends inside a field", e);
        }
    }

    private static Checkpoint decodeBody(ByteBuffer b) {
        if (b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a Flotilla checkpoint");
        }
        int version = b.getInt();
        if (version != VERSION && version != VERSION_WITHOUT_LEDGERS) {
            throw new IllegalArgumentException("unsupported checkpoint version " + version);
        }
        int round = b.getInt();
        long modelVersion = b.getLong();
        long rng = b.getLong();
        String config = readString(b);
        int tensors = count(b, 8);
        List<TensorSpec> specs = new ArrayList<>(tensors);
        TensorKind[] kinds = TensorKind.values();
        for (int i = 0; i < tensors; i++) {
            String name = readString(b);
            int kind = b.getInt();
            if (kind < 0 || kind >= kinds.length) {
                throw new IllegalArgumentException("tensor " + name + ": unknown kind " + kind);
            }
            int rank = count(b, 4);
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = b.getInt();
            }
            specs.add(new TensorSpec(name, shape, kinds[kind]));
        }
        ModelLayout layout = ModelLayout.of(specs);
        float[] values = readFloats(b);
        ParameterSet params = ParameterSet.wrap(layout, values);
        int states = count(b, 8);
        Map<String, float[]> state = new LinkedHashMap<>();
        for (int i = 0; i < states; i++) {
            state.put(readString(b), readFloats(b));
        }
        Map<String, List<LedgerEntry>> ledgers = version == VERSION_WITHOUT_LEDGERS ? Map.of() : readLedgers(b);
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("checkpoint has " + b.remaining() + " trailing bytes");
        }
        return new Checkpoint(round, modelVersion, rng, params, state, config, ledgers);
    }

    private static Map<String, List<LedgerEntry>> readLedgers(ByteBuffer b) {
        int n = count(b, 8);
        Map<String, List<LedgerEntry>> ledgers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = readString(b);
            int entries = count(b, ENTRY_BYTES);
            List<LedgerEntry> list = new ArrayList<>(entries);
            for (int j = 0; j < entries; j++) {
                list.add(new LedgerEntry(b.getInt(), b.getDouble(), b.getDouble(), b.getInt()));
            }
            if (ledgers.put(name, list) != null) {
                throw new IllegalArgumentException("privacy ledger " + name + " appears twice");
            }
        }
        return ledgers;
    }

    /** A count whose items take at least {@code minItemBytes} each must fit in what remains. */
    private static int count(ByteBuffer b, int minItemBytes) {
        int n = b.getInt();
        if (n < 0 || (long) n * minItemBytes > b.remaining()) {
            throw new IllegalArgumentException("count " + n + " does not fit the " + b.remaining()
                    + " bytes left");
        }
        return n;
    }

    private static String readString(ByteBuffer b) {
        int n = count(b, 1);
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static float[] readFloats(ByteBuffer b) {
        int n = count(b, 4);
        float[] v = new float[n];
        b.asFloatBuffer().get(v);
        b.position(b.position() + 4 * n);
        return v;
    }

    private static byte[] sha256(byte[] data, int length) {
        MessageDigest md = Sha256.digest();
        md.update(data, 0, length);
        return md.digest();
    }
}
