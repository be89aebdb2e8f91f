package io.flotilla.crypto.secagg;

/**
 * Fixed-point encoding of sample-weighted inputs in Z_2^32 and decoding of their sum. Encoding clips each value to
 * [-clipRange, clipRange], multiplies by the weight and the scale, rounds to nearest, and appends the weight as the
 * last word so that the total weight is summed under the same masks.
 */
public final class Quantizer {
    private Quantizer() {
    }

    /**
     * Writes the encoding of {@code values} with {@code weight} into {@code out} (length values.length + 1) and
     * returns how many values were clipped. Non-finite values are refused.
     */
    public static int encode(SecAggConfig config, float[] values, long weight, int[] out) {
        if (values.length != config.vectorLength() || out.length != values.length + 1) {
            throw new IllegalArgumentException("input has " + values.length + " values and output " + out.length
                    + " words, expected " + config.vectorLength() + " and " + (config.vectorLength() + 1));
        }
        if (weight < 1 || weight > config.maxWeight()) {
            throw new IllegalArgumentException("weight " + weight + " outside 1.." + config.maxWeight());
        }
        double c = config.clipRange();
        double k = weight * config.scale();
        int clipped = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v > c) {
                v = c;
                clipped++;
            } else if (v < -c) {
                v = -c;
                clipped++;
            } else if (v != v) {
                throw new IllegalArgumentException("value " + i + " is NaN");
            }
            out[i] = (int) Math.round(v * k);
        }
        out[values.length] = (int) weight;
        return clipped;
    }

    /** Decodes an unmasked sum: the weighted sum of inputs into {@code weightedSum}; returns the total weight. */
    public static long decode(SecAggConfig config, int[] sum, float[] weightedSum) {
        if (sum.length != weightedSum.length + 1) {
            throw new IllegalArgumentException("sum has " + sum.length + " words, output " + weightedSum.length
                    + " values; expected one more word than values");
        }
        double inv = 1.0 / config.scale();
        for (int i = 0; i < weightedSum.length; i++) {
            weightedSum[i] = (float) (sum[i] * inv);
        }
        return Integer.toUnsignedLong(sum[weightedSum.length]);
    }
}
