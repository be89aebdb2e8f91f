package io.flotilla.bench;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnvelopeSealer;
import io.flotilla.crypto.envelope.RoundKeyPair;
import io.flotilla.crypto.envelope.SealedUpdate;
import java.util.SplittableRandom;

/**
 * Cold client seal: in a fresh JVM, the time of the first seal of a delta of N MB (default 100), class loading
 * and JIT warm-up included; run as {@code java -cp simulations/target/flotilla.jar io.flotilla.bench.ColdSeal
 * [MB] [segmentBytes] [threads]}. Prints one line; key generation happens before the clock starts, as on a real client
 * whose identity key is loaded at start-up.
 */
public final class ColdSeal {
    private ColdSeal() {
    }

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        SegmentedAeadParameters defaults = SegmentedAeadParameters.defaults();
        int segment = args.length > 1 ? Integer.parseInt(args[1]) : defaults.segmentSize();
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : defaults.parallelism();
        byte[] payload = new byte[mb * 1_000_000];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < payload.length; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < payload.length; j++) {
                payload[i + j] = (byte) (v >>> (8 * j));
            }
        }
        java.security.SecureRandom random = new java.security.SecureRandom();
        RoundKeyPair round = RoundKeyPair.generate(1, random);
        Ed25519PrivateKey identity = Ed25519PrivateKey.generate(random);
        EnvelopeSealer sealer = new EnvelopeSealer("bench", "c1", identity, new SegmentedAeadParameters(segment, parallelism),
                random);
        long t0 = System.nanoTime();
        SealedUpdate u = sealer.seal(round.publicKey(), 1, new byte[32], payload);
        long t1 = System.nanoTime();
        System.out.printf("cold seal of %d MB (segment %d B, %d threads): %.1f ms, %.0f MB/s, ciphertext %d bytes%n", mb,
                segment, parallelism, (t1 - t0) / 1e6, mb / ((t1 - t0) / 1e9), u.ciphertext().length);
    }
}
