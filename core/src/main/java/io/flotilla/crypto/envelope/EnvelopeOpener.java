package io.flotilla.crypto.envelope;

import io.flotilla.crypto.AesGcmSegmentedAead;
import io.flotilla.crypto.Ed25519PublicKey;
import io.flotilla.crypto.SecretBytes;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator side of envelope encryption for one round. {@link #open} checks, in order: enrolment, the
 * signature under the enrolled key, federation, round, model version, parameter hash, recipient key, replay, and
 * finally decrypts; the payload is returned only if every check passed. Each rejection is an {@link
 * UpdateRefusedException} carrying the {@link RejectReason} the round counts; checks that share a reason (wrong
 * federation, model version or parameter hash are all {@link RejectReason#WRONG_BINDING}; another round's update
 * is a {@link RejectReason#REPLAY}) name the failed check at the start of the message, so logs keep it. Each
 * rejection is counted by reason and logged with the client id and reason only. Thread-safe.
 */
public final class EnvelopeOpener {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeOpener.class);
    private final RoundExpectation expected;
    private final RoundKeyPair roundKey;
    private final EnrolledKeys enrolled;
    private final ReplayGuard replays;
    private final SegmentedAeadParameters parameters;
    private final Map<RejectReason, Long> rejections = new EnumMap<>(RejectReason.class);

    public EnvelopeOpener(RoundExpectation expected, RoundKeyPair roundKey, EnrolledKeys enrolled,
                          ReplayGuard replays, SegmentedAeadParameters parameters) {
        if (expected.round() != roundKey.round()) {
            throw new IllegalArgumentException("expectation is for round " + expected.round()
                    + " but the round key is for round " + roundKey.round());
        }
        this.expected = expected;
        this.roundKey = roundKey;
        this.enrolled = enrolled;
        this.replays = replays;
        this.parameters = parameters;
    }

    /** The payload of a valid update; otherwise an {@link UpdateRefusedException} naming the reason. */
    public byte[] open(SealedUpdate update) throws UpdateRefusedException {
        try {
            return check(update);
        } catch (UpdateRefusedException e) {
            synchronized (rejections) {
                rejections.merge(e.reason(), 1L, Long::sum);
            }
            LOG.warn("rejected update from client {} for round {}: {}", update.header().clientId(),
                    update.header().round(), e.reason());
            throw e;
        }
    }

    /** Counts of rejections so far, by reason. */
    public Map<RejectReason, Long> rejections() {
        synchronized (rejections) {
            return Map.copyOf(rejections);
        }
    }

    private byte[] check(SealedUpdate u) throws UpdateRefusedException {
        UpdateHeader h = u.header();
        Optional<Ed25519PublicKey> key = enrolled.lookup(h.clientId());
        if (key.isEmpty()) {
            throw new UpdateRefusedException(RejectReason.UNENROLLED, "client " + h.clientId());
        }
        AesGcmSegmentedAead aead;
        byte[] tagDigest;
        SecretBytes envelopeKey;
        try {
            SecretBytes shared = roundKey.privateKey().agree(u.ephemeralKey());
            envelopeKey = EnvelopeFormat.envelopeKey(shared, u.ephemeralKey(), roundKey.privateKey().publicKey());
            shared.destroy();
            aead = new AesGcmSegmentedAead(envelopeKey, parameters, new SecureRandom());
            tagDigest = aead.tagDigest(u.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new UpdateRefusedException(RejectReason.MALFORMED, e.getMessage());
        }
        try {
            key.get().verify(u.signature(), EnvelopeFormat.signedBytes(h, u.ephemeralKey(), tagDigest));
        } catch (GeneralSecurityException e) {
            throw new UpdateRefusedException(RejectReason.BAD_SIGNATURE, "client " + h.clientId());
        }
        if (!h.federationId().equals(expected.federationId())) {
            throw new UpdateRefusedException(RejectReason.WRONG_BINDING, "wrong federation: got "
                    + h.federationId() + ", expected " + expected.federationId());
        }
        if (h.round() != expected.round()) {
            throw new UpdateRefusedException(RejectReason.REPLAY, "wrong round: got round " + h.round()
                    + ", expected " + expected.round());
        }
        if (h.modelVersion() != expected.modelVersion()) {
            throw new UpdateRefusedException(RejectReason.WRONG_BINDING, "wrong model version: got "
                    + h.modelVersion() + ", expected " + expected.modelVersion());
        }
        if (!MessageDigest.isEqual(h.paramsSha256(), expected.paramsSha256())) {
            throw new UpdateRefusedException(RejectReason.WRONG_BINDING,
                    "wrong parameters: parameter hash differs");
        }
        if (!h.recipient().equals(roundKey.publicKey().key())) {
            throw new UpdateRefusedException(RejectReason.WRONG_KEY, "sealed to another key");
        }
        if (!replays.isFresh(h.round(), h.clientId(), u.ephemeralKey())) {
            throw new UpdateRefusedException(RejectReason.REPLAY, "client " + h.clientId() + " round "
                    + h.round());
        }
        byte[] payload;
        try {
            payload = aead.decrypt(u.ciphertext(), EnvelopeFormat.associatedData(h));
        } catch (GeneralSecurityException e) {
            throw new UpdateRefusedException(RejectReason.TAMPERED, e.getMessage());
        } finally {
            envelopeKey.destroy();
        }
        if (!replays.accept(h.round(), h.clientId(), u.ephemeralKey())) {
            throw new UpdateRefusedException(RejectReason.REPLAY, "client " + h.clientId() + " round "
                    + h.round());
        }
        return payload;
    }
}
