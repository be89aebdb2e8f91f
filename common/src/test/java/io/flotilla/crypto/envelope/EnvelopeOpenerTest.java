package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.crypto.X25519PublicKey;
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

    private RejectionReason rejection(SealedUpdate u) {
        return assertThrows(UpdateRejectedException.class, () -> opener.open(u)).reason();
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
        assertEquals(RejectionReason.TAMPERED_CIPHERTEXT,
                rejection(new SealedUpdate(u.header(), u.ephemeralKey(), ct, u.signature())));
    }

    @Test
    void tagFlipBreaksTheSignatureAndReSignedTagFlipIsTampered() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        byte[] ct = u.ciphertext().clone();
        ct[ct.length - 1] ^= 1;
        assertEquals(RejectionReason.BAD_SIGNATURE,
                rejection(new SealedUpdate(u.header(), u.ephemeralKey(), ct, u.signature())));
        assertEquals(RejectionReason.TAMPERED_CIPHERTEXT, rejection(resigned(u, u.header(), ct, f.alice)));
    }

    @Test
    void associatedDataChangeIsTampered() throws GeneralSecurityException {
        // bob submits alice's ciphertext as his own: header and signature are his, but the AD bound alice's id
        SealedUpdate u = aliceSeals();
        UpdateHeader h = u.header();
        UpdateHeader asBob = new UpdateHeader(h.federationId(), h.round(), "bob", h.modelVersion(),
                h.paramsSha256(), h.recipient());
        assertEquals(RejectionReason.TAMPERED_CIPHERTEXT, rejection(resigned(u, asBob, u.ciphertext(), f.bob)));
    }

    @Test
    void headerChangeWithoutResigningIsBadSignature() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        UpdateHeader h = u.header();
        UpdateHeader other = new UpdateHeader(h.federationId(), h.round(), h.clientId(), 4, h.paramsSha256(),
                h.recipient());
        assertEquals(RejectionReason.BAD_SIGNATURE,
                rejection(new SealedUpdate(other, u.ephemeralKey(), u.ciphertext(), u.signature())));
    }

    @Test
    void signatureFlipIsBadSignature() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        byte[] sig = u.signature();
        sig[10] ^= 4;
        assertEquals(RejectionReason.BAD_SIGNATURE,
                rejection(new SealedUpdate(u.header(), u.ephemeralKey(), u.ciphertext(), sig)));
    }

    @Test
    void lastRoundsUpdateReplayedIsWrongRound() throws GeneralSecurityException {
        RoundKeyPair round4 = RoundKeyPair.generate(4, f.random);
        SealedUpdate old = f.sealer("alice", f.alice).seal(round4.publicKey(), 4, f.paramsHash, f.payload);
        assertArrayEquals(f.payload, f.opener(round4, 4).open(old));
        assertEquals(RejectionReason.WRONG_ROUND, rejection(old));
    }

    @Test
    void sameUpdateTwiceInARoundIsReplay() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        opener.open(u);
        assertEquals(RejectionReason.REPLAY, rejection(u));
        assertEquals(RejectionReason.REPLAY, rejection(aliceSeals()));
        assertEquals(Map.of(RejectionReason.REPLAY, 2L), opener.rejections());
    }

    @Test
    void updateSealedToAnotherKeyForThisRoundIsWrongKey() throws GeneralSecurityException {
        RoundKeyPair impostor = RoundKeyPair.generate(5, f.random);
        SealedUpdate u = f.sealer("alice", f.alice).seal(impostor.publicKey(), 5, f.paramsHash, f.payload);
        assertEquals(RejectionReason.WRONG_KEY, rejection(u));
    }

    @Test
    void updateFromUnenrolledKeyIsRejected() throws GeneralSecurityException {
        SealedUpdate u = f.sealer("mallory", f.mallory).seal(round5.publicKey(), 5, f.paramsHash, f.payload);
        assertEquals(RejectionReason.UNENROLLED, rejection(u));
        // claiming an enrolled id with an unenrolled key fails the signature
        SealedUpdate impersonation = f.sealer("alice", f.mallory).seal(round5.publicKey(), 5, f.paramsHash,
                f.payload);
        assertEquals(RejectionReason.BAD_SIGNATURE, rejection(impersonation));
    }

    @Test
    void wrongModelVersionParamsOrFederationAreRejected() throws GeneralSecurityException {
        assertEquals(RejectionReason.WRONG_MODEL_VERSION,
                rejection(f.sealer("alice", f.alice).seal(round5.publicKey(), 3, f.paramsHash, f.payload)));
        assertEquals(RejectionReason.WRONG_PARAMS,
                rejection(f.sealer("alice", f.alice).seal(round5.publicKey(), 5, new byte[32], f.payload)));
        assertEquals(RejectionReason.WRONG_FEDERATION, rejection(new EnvelopeSealer("other", "alice", f.alice,
                EnvelopeFixture.PARAMS, f.random).seal(round5.publicKey(), 5, f.paramsHash, f.payload)));
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
        assertEquals(Map.of(RejectionReason.BAD_SIGNATURE, 1L, RejectionReason.UNENROLLED, 1L),
                opener.rejections());
    }

    @Test
    void lowOrderEphemeralKeyIsMalformed() throws GeneralSecurityException {
        SealedUpdate u = aliceSeals();
        assertEquals(RejectionReason.MALFORMED, rejection(new SealedUpdate(u.header(),
                X25519PublicKey.fromBytes(new byte[32]), u.ciphertext(), u.signature())));
    }

    @Test
    void expectationAndKeyMustBeForTheSameRound() {
        RoundExpectation round6 = new RoundExpectation(EnvelopeFixture.FED, 6, 5, f.paramsHash);
        assertThrows(IllegalArgumentException.class,
                () -> new EnvelopeOpener(round6, round5, f.enrolled, f.replays, EnvelopeFixture.PARAMS));
    }
}
