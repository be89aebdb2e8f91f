package io.flotilla.crypto.secagg;

import io.flotilla.crypto.SecretBytes;

/**
 * Expands a seed into a pseudorandom vector over Z_2^32 and adds or subtracts it in place. The same seed always
 * gives the same vector, on every machine.
 */
public interface MaskGenerator {
    /** {@code vector[i] += sign * prg(seed)[i]} mod 2^32 for every i; {@code sign} is +1 or -1. */
    void addMaskInPlace(SecretBytes seed, int[] vector, int sign);
}
