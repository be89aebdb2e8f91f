package io.flotilla.simulation.scenario;

/**
 * Compression of client updates ({@code compression.*}); zeros turn each part off.
 *
 * @param topk share of each delta's entries sent, top-k by magnitude (0 = off)
 * @param quantizeBits 8 for unbiased 8-bit stochastic quantisation, 0 = off
 * @param errorFeedback whether clients keep what top-k dropped for their next update
 * @param chunkSize values per 8-bit scale
 */
public record CompressionSettings(double topk, int quantizeBits, boolean errorFeedback, int chunkSize) {
    public CompressionSettings {
        Scenario.require(topk >= 0 && topk <= 1, "compression.topk", "must be in [0, 1]", topk);
        Scenario.require(quantizeBits == 0 || quantizeBits == 8, "compression.quantize_bits", "must be 0 or 8",
                quantizeBits);
        Scenario.require(chunkSize >= 16, "compression.chunk_size", "must be at least 16", chunkSize);
    }

    /** True when clients compress their updates. */
    public boolean enabled() {
        return topk > 0 || quantizeBits > 0;
    }
}
