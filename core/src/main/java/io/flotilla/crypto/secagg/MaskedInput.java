package io.flotilla.crypto.secagg;

/**
 * Stage 2, client to server: the quantised, weighted input plus self mask plus pairwise masks, in Z_2^32. Alone it
 * is indistinguishable from uniform. The array is NOT copied (100,000s of words per client, hot path): the sender
 * hands it over and must not touch it again.
 */
public record MaskedInput(int client, int[] masked) {
    public MaskedInput {
        if (client < 0 || masked == null) {
            throw new IllegalArgumentException("client " + client + " must be non-negative and the vector present");
        }
    }

    public long wireBytes() {
        return 8 + 4L * masked.length;
    }
}
