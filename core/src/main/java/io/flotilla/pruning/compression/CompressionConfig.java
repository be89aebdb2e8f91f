package io.flotilla.pruning.compression;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How clients compress their deltas, as configured.
 *
 * @param method {@code none}, {@code top-k}, {@code q8} or {@code top-k+q8}
 * @param fraction top-k share of coordinates sent, in (0, 1] (default 0.01)
 * @param chunkSize values per min/max scale of the 8-bit quantisation (default 4096)
 * @param errorFeedback whether clients keep an {@link ErrorFeedback} residual (default true)
 */
public record CompressionConfig(String method, float fraction, int chunkSize, boolean errorFeedback) {

    /** Method names. */
    public static final List<String> METHODS = List.of("none", "top-k", "q8", "top-k+q8");

    /** Configuration keys understood by {@link #fromMap}. */
    public static final List<String> KEYS = List.of("method", "fraction", "chunk-size", "error-feedback");

    public CompressionConfig {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("compression method must be one of " + METHODS + ", got '" + method
                    + "'");
        }
        TopK.count(fraction, 1);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + chunkSize);
        }
    }

    /** No compression. */
    public static CompressionConfig none() {
        return new CompressionConfig("none", 0.01f, 4096, true);
    }

    /**
     * From the deployment and scenario vocabulary ({@code compression.topk}, {@code quantize_bits},
     * {@code error_feedback}, {@code chunk_size}): {@code topk} in [0, 1] is the share of entries sent (0 = no
     * top-k), {@code quantizeBits} is 0 or 8; both zero mean no compression. {@code key} prefixes error messages.
     */
    public static CompressionConfig fromSettings(String key, double topk, int quantizeBits, boolean errorFeedback,
                                                 int chunkSize) {
        if (!(topk >= 0 && topk <= 1)) {
            throw new IllegalArgumentException(key + ".topk must be in [0, 1] (0 = off), got " + topk);
        }
        if (quantizeBits != 0 && quantizeBits != 8) {
            throw new IllegalArgumentException(key + ".quantize_bits must be 0 (off) or 8, got " + quantizeBits);
        }
        String method = topk > 0 ? (quantizeBits == 8 ? "top-k+q8" : "top-k") : (quantizeBits == 8 ? "q8" : "none");
        try {
            return new CompressionConfig(method, topk > 0 ? (float) topk : 0.01f, chunkSize, errorFeedback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    public static CompressionConfig fromMap(Map<String, ?> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown compression setting(s) " + unknown + "; known: " + KEYS);
        }
        Object m = options.get("method");
        String method = m == null ? "none" : m.toString().trim().toLowerCase(Locale.ROOT);
        float fraction = 0.01f;
        int chunk = 4096;
        boolean ef = true;
        try {
            if (options.get("fraction") != null) {
                fraction = Float.parseFloat(options.get("fraction").toString().trim());
            }
            if (options.get("chunk-size") != null) {
                chunk = Integer.parseInt(options.get("chunk-size").toString().trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("compression fraction and chunk-size must be numbers, got " + options);
        }
        Object efValue = options.get("error-feedback");
        if (efValue != null) {
            String s = efValue.toString().trim().toLowerCase(Locale.ROOT);
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException("error-feedback must be true or false, got '" + efValue + "'");
            }
            ef = Boolean.parseBoolean(s);
        }
        return new CompressionConfig(method, fraction, chunk, ef);
    }

    /** From a HOCON section such as {@code flotilla.compression}; see {@link #fromMap}. */
    public static CompressionConfig fromConfig(com.typesafe.config.Config section) {
        return fromMap(section.root().unwrapped());
    }

    /**
     * Why this compression cannot run with the given security mode, empty when it can: secure aggregation masks
     * dense vectors quantised on one shared scale, so per-client sparse or rescaled updates do not add up under it.
     */
    public Optional<String> incompatibility(boolean secureAggregation) {
        if (secureAggregation && !method.equals("none")) {
            return Optional.of("compression method '" + method + "' sends per-client sparse or rescaled updates, which"
                    + " secure aggregation (security = secagg) cannot sum; use envelope encryption or method = none");
        }
        return Optional.empty();
    }

    /** The codec of this configuration, or empty for {@code none}. */
    public Optional<DeltaCodec> codec() {
        return switch (method) {
            case "top-k" -> Optional.of(new TopKCodec(fraction, 0));
            case "q8" -> Optional.of(QuantizedCodec.perChunk(chunkSize));
            case "top-k+q8" -> Optional.of(new TopKCodec(fraction, chunkSize));
            default -> Optional.empty();
        };
    }
}
