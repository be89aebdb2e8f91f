package io.flotilla.wire.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeUpdateOpenerTest {
    private static final String SHA = "ab".repeat(32);
    private static final SegmentedAeadParameters AEAD = new SegmentedAeadParameters(64 * 1024);

    private final SecureRandom random = new SecureRandom();
    private final Ed25519PrivateKey alice = Ed25519PrivateKey.generate(random);
    private final EnrolledKeys enrolled = new EnrolledKeys();
    private final EnvelopeUpdateOpener opener;

    EnvelopeUpdateOpenerTest() {
        enrolled.enrol("alice", alice.publicKey());
        opener = new EnvelopeUpdateOpener("fed", enrolled, AEAD, random);
    }

    private byte[] seal(String fed, int round, long version, byte[] key, float[] delta) {
        return new EnvelopeUpdateSealer(fed, "alice", alice, AEAD, random).seal(
                new UpdatePayload(round, "alice", version, delta), new SealContext(round, "alice", version, SHA, key));
    }

    private UpdateRefusedException refused(byte[] sealed, SealContext ctx) {
        return assertThrows(UpdateRefusedException.class, () -> opener.open(sealed, ctx, 3));
    }

    @Test
    void opensWhatTheSealerSealedToTheCurrentRoundKey() throws Exception {
        byte[] key = opener.beginRound(4);
        assertEquals(32, key.length);
        float[] delta = {1.5f, -2f, Float.MIN_VALUE};
        byte[] sealed = seal("fed", 4, 7, key, delta);
        UpdatePayload p = opener.open(sealed, new SealContext(4, "alice", 7, SHA), 3);
        assertArrayEquals(delta, p.delta());
        assertEquals(4, p.round());
        assertTrue(sealed.length <= opener.maxSealedSize(3), sealed.length + " vs " + opener.maxSealedSize(3));
        // The same envelope again is a replay.
        assertEquals(RejectReason.REPLAY, refused(sealed, new SealContext(4, "alice", 7, SHA)).reason());
    }

    @Test
    void everyRoundGetsAFreshKeyAndOldKeysNoLongerOpen() {
        byte[] k1 = opener.beginRound(1);
        byte[] sealed = seal("fed", 1, 0, k1, new float[3]);
        byte[] k2 = opener.beginRound(2);
        assertFalse(Arrays.equals(k1, k2));
        // Round 1 is over: the opener holds round 2's key only.
        assertEquals(RejectReason.WRONG_KEY, refused(sealed, new SealContext(1, "alice", 0, SHA)).reason());
        // Resubmitted as round 2's update: authentic, but for another round.
        assertEquals(RejectReason.REPLAY, refused(sealed, new SealContext(2, "alice", 0, SHA)).reason());
    }

    @Test
    void bindingMismatchesAreWrongBinding() {
        byte[] key = opener.beginRound(2);
        assertEquals(RejectReason.WRONG_BINDING,
                refused(seal("other-fed", 2, 0, key, new float[3]), new SealContext(2, "alice", 0, SHA)).reason());
        assertEquals(RejectReason.WRONG_BINDING,
                refused(seal("fed", 2, 5, key, new float[3]), new SealContext(2, "alice", 0, SHA)).reason());
        assertEquals(RejectReason.WRONG_BINDING,
                refused(seal("fed", 2, 0, key, new float[3]), new SealContext(2, "alice", 0, "cd".repeat(32)))
                        .reason());
        assertEquals(RejectReason.WRONG_BINDING,
                refused(seal("fed", 2, 0, key, new float[3]), new SealContext(2, "bob", 0, SHA)).reason());
    }

    @Test
    void aPayloadLargerThanTheModelIsMalformed() {
        byte[] key = opener.beginRound(2);
        byte[] sealed = seal("fed", 2, 0, key, new float[4]);
        UpdateRefusedException e = refused(sealed, new SealContext(2, "alice", 0, SHA));
        assertEquals(RejectReason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("4 values, model has 3"), e.getMessage());
    }

    @Test
    void withoutARoundNothingOpens() {
        assertEquals(RejectReason.WRONG_KEY, refused(new byte[10], new SealContext(1, "alice", 0, SHA)).reason());
    }

    @Test
    void refusalsNameTheClientAndTheFailedCheckWithTheReasonOnce() {
        byte[] key = opener.beginRound(2);
        assertEquals("wrong_binding: client alice: wrong federation: got other-fed, expected fed",
                refused(seal("other-fed", 2, 0, key, new float[3]), new SealContext(2, "alice", 0, SHA))
                        .getMessage());
        assertEquals("wrong_binding: client alice: wrong model version: got 5, expected 0",
                refused(seal("fed", 2, 5, key, new float[3]), new SealContext(2, "alice", 0, SHA)).getMessage());
        UpdateRefusedException params = refused(seal("fed", 2, 0, key, new float[3]),
                new SealContext(2, "alice", 0, "cd".repeat(32)));
        assertEquals("client alice: wrong parameters: parameter hash differs", params.detail());
    }

    @FuzzTest(maxDuration = "10s")
    void hostileBytesAreRefusedNeverCrash(byte[] input) {
        opener.beginRound(1);
        try {
            opener.open(input, new SealContext(1, "alice", 0, SHA), 3);
        } catch (UpdateRefusedException expected) {
            // counted and logged by the round; nothing else may escape
        }
    }
}
