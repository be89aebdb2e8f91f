package io.flotilla.nn;

/** Convolution padding: {@code VALID} adds none; {@code SAME} pads so that stride 1 keeps height and width. */
public enum Padding {
    VALID,
    SAME;

    /** Output extent for input extent {@code in}, kernel {@code k} and stride {@code s}. */
    int outputSize(int in, int k, int s) {
        if (this == SAME) {
            return (in + s - 1) / s;
        }
        return in < k ? 0 : (in - k) / s + 1;
    }

    /** Total zero rows (before plus after) so that {@link #outputSize} windows fit. */
    int total(int in, int k, int s) {
        if (this == VALID) {
            return 0;
        }
        int out = outputSize(in, k, s);
        return Math.max(0, (out - 1) * s + k - in);
    }
}
