package io.flotilla.wire.terms;

import io.flotilla.fit.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the coordinator asks one client to do in one round: the fields of a training instruction that decide what
 * the client trains and where its update may go, bound to the federation and the client.
 *
 * <p>Canonical encoding (big-endian), version 1: magic {@code "FLRT"}, version byte, then federation, client id
 * (u16-length UTF-8), round (i32), model version (i64), model (string), parameter count (i32), parameters SHA-256
 * (32 bytes) and size (i64), mask flag (0/1) then its SHA-256 and size, the {@link TrainConfig} fields in
 * declaration order (optimizer as its name), seed (i64), deadline (i64, epoch millis), security mode (string),
 * round-key flag then 32 bytes. Nothing may follow. Every decoded value goes through this record's checks.
 *
 * @param federation federation id
 * @param clientId the one client these terms are for
 * @param round round number, from 1
 * @param modelVersion version of the global model
 * @param model model name
 * @param parameterCount number of parameters
 * @param parametersSha256 SHA-256 of the global parameters blob, 64 lower-case hex digits
 * @param parametersSize size of that blob in bytes
 * @param maskSha256 SHA-256 of the pruning mask blob, or null when the model is dense
 * @param maskSize size of the mask blob (0 when there is none)
 * @param config local training hyperparameters
 * @param seed seed of the client's local training this round
 * @param deadlineEpochMillis when the coordinator stops waiting
 * @param security {@code none}, {@code envelope} or {@code secagg}
 * @param roundKey the 32-byte X25519 key the update must be sealed to, or null; copied in and out
 */
public record RoundTerms(String federation, String clientId, int round, long modelVersion, String model,
                         int parameterCount, String parametersSha256, long parametersSize, String maskSha256,
                         long maskSize, TrainConfig config, long seed, long deadlineEpochMillis, String security,
                         byte[] roundKey) {
    /** Security modes the terms can name (the {@code flotilla.security} values). */
    public static final Set<String> SECURITY_MODES = Set.of("none", "envelope", "secagg");
    static final int VERSION = 1;
    private static final byte[] MAGIC = "FLRT".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_STRING = 256;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public RoundTerms {
        requireText(federation, "federation");
        requireText(clientId, "client id");
        requireText(model, "model");
        requireText(security, "security");
        if (round < 1) {
            throw new IllegalArgumentException("round must be >= 1, got " + round);
        }
        if (modelVersion < 0) {
            throw new IllegalArgumentException("model version must be >= 0, got " + modelVersion);
        }
        if (parameterCount < 1) {
            throw new IllegalArgumentException("parameter count must be >= 1, got " + parameterCount);
        }
        requireDigest(parametersSha256, "parameters SHA-256");
        if (parametersSize < 0) {
            throw new IllegalArgumentException("parameters size must be >= 0, got " + parametersSize);
        }
        if (maskSha256 != null) {
            requireDigest(maskSha256, "mask SHA-256");
        }
        if (maskSize < 0 || (maskSha256 == null && maskSize != 0)) {
            throw new IllegalArgumentException("mask size must be >= 0, and 0 without a mask, got " + maskSize);
        }
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        if (!SECURITY_MODES.contains(security)) {
            throw new IllegalArgumentException("security must be one of " + SECURITY_MODES + ", got " + security);
        }
        if (roundKey != null && roundKey.length != 32) {
            throw new IllegalArgumentException("round key has " + roundKey.length + " bytes, expected 32");
        }
        roundKey = roundKey == null ? null : roundKey.clone();
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length > MAX_STRING) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_STRING + " UTF-8 bytes");
        }
    }

    private static void requireDigest(String hex, String what) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException(what + " must be 64 lower-case hex digits");
        }
    }

    @Override
    public byte[] roundKey() {
        return roundKey == null ? null : roundKey.clone();
    }

    /** The canonical bytes (the same terms always give the same bytes). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            HexFormat hex = HexFormat.of();
            out.write(MAGIC);
            out.writeByte(VERSION);
            string(out, federation);
            string(out, clientId);
            out.writeInt(round);
            out.writeLong(modelVersion);
            string(out, model);
            out.writeInt(parameterCount);
            out.write(hex.parseHex(parametersSha256));
            out.writeLong(parametersSize);
            out.writeByte(maskSha256 == null ? 0 : 1);
            if (maskSha256 != null) {
                out.write(hex.parseHex(maskSha256));
                out.writeLong(maskSize);
            }
            out.writeInt(config.epochs());
            out.writeInt(config.batchSize());
            out.writeInt(Float.floatToRawIntBits(config.learningRate()));
            out.writeInt(Float.floatToRawIntBits(config.momentum()));
            out.writeInt(Float.floatToRawIntBits(config.weightDecay()));
            out.writeByte(config.nesterov() ? 1 : 0);
            string(out, config.optimizer().name());
            out.writeInt(Float.floatToRawIntBits(config.proximalMu()));
            out.writeLong(Double.doubleToRawLongBits(config.dpSgdNoiseMultiplier()));
            out.writeLong(Double.doubleToRawLongBits(config.dpSgdClipNorm()));
            out.writeLong(seed);
            out.writeLong(deadlineEpochMillis);
            string(out, security);
            out.writeByte(roundKey == null ? 0 : 1);
            if (roundKey != null) {
                out.write(roundKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    /** Decodes {@link #encode()}'s bytes; {@link MalformedTermsException} on anything else. */
    public static RoundTerms decode(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedTermsException("round terms: no bytes");
        }
        TermsReader in = new TermsReader(bytes, "round terms");
        if (!Arrays.equals(in.fixed(MAGIC.length, "magic"), MAGIC)) {
            throw new MalformedTermsException("round terms: bad magic");
        }
        int version = in.u8("version");
        if (version != VERSION) {
            throw new MalformedTermsException("round terms: version " + version + ", expected " + VERSION);
        }
        HexFormat hex = HexFormat.of();
        try {
            String federation = in.string(MAX_STRING, "federation");
            String clientId = in.string(MAX_STRING, "client id");
            int round = in.i32("round");
            long modelVersion = in.i64("model version");
            String model = in.string(MAX_STRING, "model");
            int parameterCount = in.i32("parameter count");
            String parameters = hex.formatHex(in.fixed(32, "parameters SHA-256"));
            long parametersSize = in.i64("parameters size");
            String mask = null;
            long maskSize = 0;
            if (in.flag("mask flag")) {
                mask = hex.formatHex(in.fixed(32, "mask SHA-256"));
                maskSize = in.i64("mask size");
            }
            int epochs = in.i32("epochs");
            int batch = in.i32("batch size");
            float lr = in.f32("learning rate");
            float momentum = in.f32("momentum");
            float decay = in.f32("weight decay");
            boolean nesterov = in.flag("nesterov");
            TrainConfig.Optimizer optimizer = optimizer(in.string(16, "optimizer"));
            float mu = in.f32("proximal mu");
            double z = in.f64("DP-SGD noise multiplier");
            double c = in.f64("DP-SGD clipping norm");
            long seed = in.i64("seed");
            long deadline = in.i64("deadline");
            String security = in.string(16, "security");
            byte[] key = in.flag("round key flag") ? in.fixed(32, "round key") : null;
            in.end();
            return new RoundTerms(federation, clientId, round, modelVersion, model, parameterCount, parameters,
                    parametersSize, mask, maskSize,
                    new TrainConfig(epochs, batch, lr, momentum, decay, nesterov, optimizer, mu, z, c), seed,
                    deadline, security, key);
        } catch (MalformedTermsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MalformedTermsException("round terms: " + e.getMessage(), e);
        }
    }

    private static TrainConfig.Optimizer optimizer(String name) {
        for (TrainConfig.Optimizer o : TrainConfig.Optimizer.values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        throw new MalformedTermsException("round terms: unknown optimizer");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundTerms t && Arrays.equals(encode(), t.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "RoundTerms[" + federation + ", " + clientId + ", round " + round + ", " + model + ", " + security
                + (roundKey == null ? "" : ", round key " + HexFormat.of().formatHex(roundKey, 0, 4) + "…") + "]";
    }
}
