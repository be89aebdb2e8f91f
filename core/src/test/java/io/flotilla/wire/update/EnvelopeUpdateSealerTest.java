package io.flotilla.wire.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.wire.SecurityMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class EnvelopeUpdateSealerTest {
    private static final String SHA = "ab".repeat(32);
    private static final SegmentedAeadParameters AEAD = new SegmentedAeadParameters(64 * 1024);
    private final SecureRandom random = new SecureRandom();
    private final Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    private final EnvelopeUpdateSealer sealer = new EnvelopeUpdateSealer("fed", "c1", key, AEAD, random);

    private static byte[] roundKey() {
        EnvelopeUpdateOpener o = new EnvelopeUpdateOpener("fed", new EnrolledKeys(), AEAD, new SecureRandom());
        return o.beginRound(2);
    }

    @Test
    void theDeltaIsNotVisibleInTheSealedBytesAndTwoSealsDiffer() {
        float[] delta = new float[1000];
        java.util.Arrays.fill(delta, 0.123f);
        byte[] k = roundKey();
        UpdatePayload p = new UpdatePayload(2, "c1", 0, delta);
        byte[] a = sealer.seal(p, new SealContext(2, "c1", 0, SHA, k));
        byte[] b = sealer.seal(p, new SealContext(2, "c1", 0, SHA, k));
        assertEquals(SecurityMode.ENVELOPE, sealer.mode());
        assertFalse(java.util.Arrays.equals(a, b), "fresh ephemeral key and nonces per seal");
        int plainWord = Float.floatToIntBits(0.123f);
        ByteBuffer bb = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        int hits = 0;
        for (int i = 0; i + 4 <= a.length; i++) {
            if (bb.getInt(i) == plainWord) {
                hits++;
            }
        }
        assertTrue(hits < 3, "the plaintext value appears " + hits + " times in the sealed bytes");
    }

    @Test
    void refusesWithoutARoundKeyOrForAnotherClient() {
        UpdatePayload p = new UpdatePayload(2, "c1", 0, new float[3]);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> sealer.seal(p, new SealContext(2, "c1", 0, SHA)));
        assertTrue(none.getMessage().contains("needs the round key"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(new UpdatePayload(2, "c2", 0, new float[3]),
                new SealContext(2, "c2", 0, SHA, roundKey())));
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(p, new SealContext(3, "c1", 0, SHA,
                roundKey())));
    }
}
