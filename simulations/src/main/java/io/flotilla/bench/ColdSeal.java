package io.flotilla.bench;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnvelopeSealer;
import io.flotilla.crypto.envelope.RoundKeyPair;
import io.flotilla.crypto.envelope.RoundPublicKey;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Cold client seal: in a fresh JVM, the time of the first seal of a delta of N MB (default 100), class loading
 * and JIT warm-up included; run as {@code java -cp simulations/target/flotilla.jar io.flotilla.bench.ColdSeal
 * [MB] [segmentBytes] [threads] [inplace|copy|client]}. Prints one line. Key generation and the delta itself are
 * made before the clock starts, as on a client whose identity key is loaded at start-up and whose delta exists.
 *
 * <ul>
 *   <li>{@code inplace} (default): the encoded delta already lies in its buffer and is sealed there, as
 *       {@link EnvelopeUpdateSealer} does;</li>
 *   <li>{@code copy}: {@link EnvelopeSealer#seal} into a new ciphertext array, the path before in-place sealing;</li>
 *   <li>{@code client}: the whole client step from the float delta to the wire bytes (encode, seal, frame).</li>
 * </ul>
 */
public final class ColdSeal {
    private ColdSeal() {
    }

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        SegmentedAeadParameters defaults = SegmentedAeadParameters.defaults();
        int segment = args.length > 1 ? Integer.parseInt(args[1]) : defaults.segmentSize();
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : defaults.parallelism();
        String mode = args.length > 3 ? args[3] : "inplace";
        SegmentedAeadParameters parameters = new SegmentedAeadParameters(segment, parallelism);
        SecureRandom random = new SecureRandom();
        RoundKeyPair round = RoundKeyPair.generate(1, random);
        Ed25519PrivateKey identity = Ed25519PrivateKey.generate(random);
        float[] delta = randomDelta(mb * 250_000);
        int bytes;
        long t0;
        long t1;
        switch (mode) {
            case "client" -> {
                EnvelopeUpdateSealer sealer = new EnvelopeUpdateSealer("bench", "c1", identity, parameters, random);
                UpdatePayload payload = new UpdatePayload(1, "c1", 1, delta);
                SealContext context = new SealContext(1, "c1", 1, HexFormat.of().formatHex(new byte[32]),
                        round.publicKey().key().toBytes());
                t0 = System.nanoTime();
                bytes = sealer.seal(payload, context).length;
                t1 = System.nanoTime();
            }
            case "copy", "inplace" -> {
                EnvelopeSealer sealer = new EnvelopeSealer("bench", "c1", identity, parameters, random);
                UpdatePayload payload = new UpdatePayload(1, "c1", 1, delta);
                RoundPublicKey key = round.publicKey();
                if (mode.equals("copy")) {
                    byte[] encoded = payload.toBytes();
                    t0 = System.nanoTime();
                    bytes = sealer.seal(key, 1, new byte[32], encoded).ciphertext().length;
                    t1 = System.nanoTime();
                } else {
                    int length = payload.encodedLength();
                    byte[] buffer = new byte[(int) sealer.ciphertextSize(length)];
                    payload.writeTo(buffer, EnvelopeSealer.PAYLOAD_OFFSET);
                    t0 = System.nanoTime();
                    sealer.sealInPlace(key, 1, new byte[32], buffer, 0, length);
                    t1 = System.nanoTime();
                    bytes = buffer.length;
                }
            }
            default -> throw new IllegalArgumentException("mode " + mode + " is not inplace, copy or client");
        }
        System.out.printf("cold %s seal of %d MB (segment %d B, %d threads): %.1f ms, %.0f MB/s, %d bytes out%n",
                mode, mb, segment, parallelism, (t1 - t0) / 1e6, mb / ((t1 - t0) / 1e9), bytes);
    }

    private static float[] randomDelta(int n) {
        float[] d = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            d[i] = (float) (r.nextDouble() - 0.5) * 1e-2f;
        }
        return d;
    }
}
