package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.X25519PublicKey;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeOpenerTest {
    private final EnvelopeFixture f = new EnvelopeFixture();
    private final RoundKeyPair round5 = RoundKeyPair.generate(5, f.random);
    private final EnvelopeOpener opener = f.opener(round5, 5);

    private SealedUpdate aliceSeals() throws GeneralSecurityException {
        return f.sealer("alice", f.alice).seal(round5.publicKey(), 5, f.paramsHash, f.payload);
    }

    private RejectReason rejection(SealedUpdate u) {
        return refusal(u).reason();
    }

    private UpdateRefusedException refusal(SealedUpdate u) {
        return assertThrows(UpdateRefusedException.class, () -> opener.open(u));
    }

    /** Checks that share a counted reason must still say in the message which check failed. */
    private void assertRefused(RejectReason reason, String check, SealedUpdate u) {
        UpdateRefusedException e = refusal(u);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.detail().startsWith(check + ": "), e.getMessage());
    }

    /** What an enrolled client that tampers with its own envelope would send: re-signed with its own key. */
    private SealedUpdate resigned(SealedUpdate u, UpdateHeader header, byte[] ciphertext,
                                  io.flotilla.crypto.Ed25519PrivateKey key) throws GeneralSecurityException {
        io.flotilla.crypto.AesGcmSegmentedAead shape = new io.flotilla.crypto.AesGcmSegmentedAead(
                io.flotilla.crypto.SecretBytes.copyFrom(new byte[32]), EnvelopeFixture.PARAMS, f.random);
        byte[] signed = EnvelopeFormat.signedBytes(header, u.ephemeralKey(), shape.tagDigest(ciphertext));
        return new SealedUpdate(header, u.ephemeralKey(), ciphertext, key.sign(signed));
    }

    @Test
    void validUpdateOpensToThePayload() throws GeneralSecurityException {
        assertArrayEquals(f.payload, opener.open(aliceSeals()));
        assertEquals(Map.of(), opener.rejections());
    }

    @Test
    void ciphertextBitFlipIsTampered() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        byte[] ct = u.ciphertext().clone();
        ct[1000] ^= 1;
        // a body flip leaves the signed tag digest intact, so the signature holds and the AEAD catches it
        assertEquals(RejectReason.TAMPERED,
                rejection(new SealedUpdate(u.header(), u.ephemeralKey(), ct, u.signature())));
    }

    @Test
    void tagFlipBreaksTheSignatureAndReSignedTagFlipIsTampered() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        byte[] ct = u.ciphertext().clone();
        ct[ct.length - 1] ^= 1;
        assertEquals(RejectReason.BAD_SIGNATURE,
                rejection(new SealedUpdate(u.header(), u.ephemeralKey(), ct, u.signature())));
        assertEquals(RejectReason.TAMPERED, rejection(resigned(u, u.header(), ct, f.alice)));
    }

    @Test
    void associatedDataChangeIsTampered() throws GeneralSecurityException {
        // bob submits alice's ciphertext as his own: header and signature are his, but the AD bound alice's id
        SealedUpdate u = aliceSeals();
        UpdateHeader h = u.header();
        UpdateHeader asBob = new UpdateHeader(h.federationId(), h.round(), "bob", h.modelVersion(),
                h.paramsSha256(), h.recipient());
        assertEquals(RejectReason.TAMPERED, rejection(resigned(u, asBob, u.ciphertext(), f.bob)));
    }

    @Test
    void headerChangeWithoutResigningIsBadSignature() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        UpdateHeader h = u.header();
        UpdateHeader other = new UpdateHeader(h.federationId(), h.round(), h.clientId(), 4, h.paramsSha256(),
                h.recipient());
        assertEquals(RejectReason.BAD_SIGNATURE,
                rejection(new SealedUpdate(other, u.ephemeralKey(), u.ciphertext(), u.signature())));
    }

    @Test
    void signatureFlipIsBadSignature() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        byte[] sig = u.signature();
        sig[10] ^= 4;
        assertEquals(RejectReason.BAD_SIGNATURE,
                rejection(new SealedUpdate(u.header(), u.ephemeralKey(), u.ciphertext(), sig)));
    }

    @Test
    void lastRoundsUpdateReplayedIsAReplayOfTheWrongRound() throws GeneralSecurityException {
        RoundKeyPair round4 = RoundKeyPair.generate(4, f.random);
        SealedUpdate old = f.sealer("alice", f.alice).seal(round4.publicKey(), 4, f.paramsHash, f.payload);
        assertArrayEquals(f.payload, f.opener(round4, 4).open(old));
        assertRefused(RejectReason.REPLAY, "wrong round", old);
    }

    @Test
    void sameUpdateTwiceInARoundIsReplay() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        opener.open(u);
        assertEquals(RejectReason.REPLAY, rejection(u));
        assertEquals(RejectReason.REPLAY, rejection(aliceSeals()));
        assertEquals(Map.of(RejectReason.REPLAY, 2L), opener.rejections());
    }

    @Test
    void updateSealedToAnotherKeyForThisRoundIsWrongKey() throws GeneralSecurityException {
        RoundKeyPair impostor = RoundKeyPair.generate(5, f.random);
        SealedUpdate u = f.sealer("alice", f.alice).seal(impostor.publicKey(), 5, f.paramsHash, f.payload);
        assertEquals(RejectReason.WRONG_KEY, rejection(u));
    }

    @Test
    void updateFromUnenrolledKeyIsRejected() throws GeneralSecurityException {
        SealedUpdate u = f.sealer("mallory", f.mallory).seal(round5.publicKey(), 5, f.paramsHash, f.payload);
        assertEquals(RejectReason.UNENROLLED, rejection(u));
        // claiming an enrolled id with an unenrolled key fails the signature
        SealedUpdate impersonation = f.sealer("alice", f.mallory).seal(round5.publicKey(), 5, f.paramsHash,
                f.payload);
        assertEquals(RejectReason.BAD_SIGNATURE, rejection(impersonation));
    }

    @Test
    void wrongModelVersionParamsOrFederationAreWrongBindingNamingTheCheck() throws GeneralSecurityException {
        assertRefused(RejectReason.WRONG_BINDING, "wrong model version",
                f.sealer("alice", f.alice).seal(round5.publicKey(), 3, f.paramsHash, f.payload));
        assertRefused(RejectReason.WRONG_BINDING, "wrong parameters",
                f.sealer("alice", f.alice).seal(round5.publicKey(), 5, new byte[32], f.payload));
        assertRefused(RejectReason.WRONG_BINDING, "wrong federation", new EnvelopeSealer("other", "alice", f.alice,
                EnvelopeFixture.PARAMS, f.random).seal(round5.publicKey(), 5, f.paramsHash, f.payload));
        assertEquals(Map.of(RejectReason.WRONG_BINDING, 3L), opener.rejections());
    }

    @Test
    void rejectionsAreCountedAndTheRoundGoesOn() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        byte[] sig = u.signature();
        sig[0] ^= 1;
        rejection(new SealedUpdate(u.header(), u.ephemeralKey(), u.ciphertext(), sig));
        rejection(f.sealer("mallory", f.mallory).seal(round5.publicKey(), 5, f.paramsHash, f.payload));
        assertArrayEquals(f.payload, opener.open(u));
        assertArrayEquals(f.payload,
                opener.open(f.sealer("bob", f.bob).seal(round5.publicKey(), 5, f.paramsHash, f.payload)));
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, 1L, RejectReason.UNENROLLED, 1L),
                opener.rejections());
    }

    @Test
    void lowOrderEphemeralKeyIsMalformed() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        assertEquals(RejectReason.MALFORMED, rejection(new SealedUpdate(u.header(),
                X25519PublicKey.fromBytes(new byte[32]), u.ciphertext(), u.signature())));
    }

    @Test
    void expectationAndKeyMustBeForTheSameRound() {
        RoundExpectation round6 = new RoundExpectation(EnvelopeFixture.FED, 6, 5, f.paramsHash);
        assertThrows(IllegalArgumentException.class,
                () -> new EnvelopeOpener(round6, round5, f.enrolled, f.replays, EnvelopeFixture.PARAMS));
    }
}
