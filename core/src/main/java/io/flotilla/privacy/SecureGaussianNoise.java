package io.flotilla.privacy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Gaussian noise from a cryptographically secure generator: uniforms are drawn in 4 KiB blocks from a
 * {@link SecureRandom} (a DRBG instance when the platform has one, seeded by the operating system) and turned
 * into normals by the polar method. An observer who sees some outputs cannot predict others, so the noise that
 * protects a sum cannot be subtracted back out.
 *
 * <p>Caveat, documented in {@code docs/privacy.md}: like every floating-point Gaussian sampler (Opacus, TF
 * Privacy, Flower), this one is not exactly a sample of the continuous Gaussian (Mironov 2012 showed the low bits
 * of floating-point Laplace samples can leak); a discrete Gaussian sampler is the remedy and is not implemented.
 */
public final class SecureGaussianNoise extends PolarGaussian {
    private static final int BLOCK = 4096;
    private final SecureRandom random;
    private final byte[] block = new byte[BLOCK];
    private int position = BLOCK;

    /** Noise from a fresh DRBG {@link SecureRandom} (falling back to the platform default). */
    public SecureGaussianNoise() {
        this(defaultRandom());
    }

    /** Noise from the given secure generator (for tests and for callers that manage their own). */
    public SecureGaussianNoise(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    double nextUniform() {
        if (position > BLOCK - Long.BYTES) {
            random.nextBytes(block);
            position = 0;
        }
        long bits = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            bits = (bits << 8) | (block[position++] & 0xFFL);
        }
        return (bits >>> 11) * 0x1.0p-53;
    }

    private static SecureRandom defaultRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
