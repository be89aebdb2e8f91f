package io.flotilla.sdk;

import io.flotilla.fit.TrainConfig;
import java.util.Base64;
import java.util.Locale;

/**
 * A training task as a gateway offers it at check-in ({@code TaskOffer.task} of the edge protocol): the round's
 * model, where to fetch the global parameters and mask, the hyperparameters, seed, deadline and round key the
 * update is trained and sealed with, and the coordinator's signed round terms ({@link TermsCheck}). Parsed and
 * range-checked on arrival; nothing here is trusted beyond its shape until the terms are verified.
 */
public final class RoundTask {
    private static final int ROUND_KEY_BYTES = 32;

    private final int round;
    private final long modelVersion;
    private final String model;
    private final int parameterCount;
    private final byte[] terms;
    private final BlobLocation parameters;
    private final BlobLocation mask;
    private final TrainConfig config;
    private final long seed;
    private final long deadlineEpochMillis;
    private final String security;
    private final byte[] roundKey;
    private final long maxUploadBytes;
    private final String uploadUrl;

    private RoundTask(EdgeJson t) {
        round = t.int32("round");
        if (round < 1) {
            throw new EdgeProtocolException("task round must be >= 1, got " + round);
        }
        modelVersion = t.integer("modelVersion");
        model = t.string("model");
        parameterCount = t.int32("parameterCount");
        if (parameterCount < 1) {
            throw new EdgeProtocolException("task parameterCount must be >= 1, got " + parameterCount);
        }
        terms = t.has("terms") ? base64(t.string("terms"), "terms") : null;
        parameters = BlobLocation.from(t.object("parameters"));
        EdgeJson m = t.optionalObject("mask");
        mask = m == null ? null : BlobLocation.from(m);
        config = trainConfig(t.object("config"));
        seed = t.integer("seed");
        deadlineEpochMillis = t.integer("deadlineEpochMillis");
        security = t.string("security").toLowerCase(Locale.ROOT);
        roundKey = t.has("roundKey") ? base64(t.string("roundKey"), "roundKey") : null;
        if (roundKey != null && roundKey.length != ROUND_KEY_BYTES) {
            throw new EdgeProtocolException("task roundKey must be " + ROUND_KEY_BYTES + " bytes, got "
                    + roundKey.length);
        }
        maxUploadBytes = t.integer("maxUploadBytes");
        if (maxUploadBytes < 1) {
            throw new EdgeProtocolException("task maxUploadBytes must be >= 1, got " + maxUploadBytes);
        }
        uploadUrl = t.string("uploadUrl");
        if (!uploadUrl.startsWith("/v1/")) {
            throw new EdgeProtocolException("task uploadUrl must be a /v1/ path on the gateway, got " + uploadUrl);
        }
    }

    static RoundTask from(EdgeJson task) {
        return new RoundTask(task);
    }

    private static TrainConfig trainConfig(EdgeJson c) {
        TrainConfig.Optimizer optimizer;
        String name = c.string("optimizer").toUpperCase(Locale.ROOT);
        try {
            optimizer = TrainConfig.Optimizer.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new EdgeProtocolException("task config.optimizer: unknown optimizer " + name);
        }
        try {
            return new TrainConfig(c.int32("epochs"), c.int32("batchSize"), c.float32("learningRate"),
                    c.float32("momentum"), c.float32("weightDecay"), c.bool("nesterov"), optimizer,
                    c.float32("proximalMu"), c.number("dpSgdNoiseMultiplier"), c.number("dpSgdClipNorm"));
        } catch (IllegalArgumentException e) {
            throw new EdgeProtocolException("task config: " + e.getMessage(), e);
        }
    }

    private static byte[] base64(String s, String field) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new EdgeProtocolException("task " + field + " is not base64: " + e.getMessage(), e);
        }
    }

    public int round() {
        return round;
    }

    public long modelVersion() {
        return modelVersion;
    }

    public String model() {
        return model;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** The round's signed terms ({@code SignedRoundTerms} bytes), or null when the offer had none (refused). */
    public byte[] terms() {
        return terms == null ? null : terms.clone();
    }

    public BlobLocation parameters() {
        return parameters;
    }

    /** The pruning mask, or null for a dense model. */
    public BlobLocation mask() {
        return mask;
    }

    public TrainConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    public long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    /** The update protection the round asks for: {@code none}, {@code envelope} or {@code secagg}. */
    public String security() {
        return security;
    }

    /** The round's X25519 public key (envelope mode), or null. */
    public byte[] roundKey() {
        return roundKey == null ? null : roundKey.clone();
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    public String uploadUrl() {
        return uploadUrl;
    }

    @Override
    public String toString() {
        return "RoundTask[round=" + round + ", modelVersion=" + modelVersion + ", model=" + model + ", parameters="
                + parameters + ", mask=" + mask + ", security=" + security + ", signed=" + (terms != null) + "]";
    }
}
