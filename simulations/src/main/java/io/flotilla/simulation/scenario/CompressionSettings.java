package io.flotilla.simulation.scenario;

/** Compression of client updates ({@code compression.*}); zeros turn each part off. */
public record CompressionSettings(double topk, int quantizeBits) {
    public CompressionSettings {
        Scenario.require(topk >= 0 && topk <= 1, "compression.topk", "must be in [0, 1]", topk);
        Scenario.require(quantizeBits == 0 || quantizeBits == 8, "compression.quantize_bits", "must be 0 or 8",
                quantizeBits);
    }
}
