package io.flotilla.crypto.secagg;

/**
 * One Shamir share: the evaluation point {@code x} (holder index + 1) and the value, a field element in fixed-size
 * big-endian form. The value is copied in and out.
 */
public record Share(int x, byte[] y) {
    public Share {
        if (x < 1) {
            throw new IllegalArgumentException("share point must be positive, got " + x);
        }
        y = y.clone();
    }

    @Override
    public byte[] y() {
        return y.clone();
    }
}
