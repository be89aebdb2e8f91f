package io.flotilla.wire.update;

import io.flotilla.crypto.AesGcmSegmentedAead;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.envelope.EnvelopeOpener;
import io.flotilla.crypto.envelope.ReplayGuard;
import io.flotilla.crypto.envelope.RoundExpectation;
import io.flotilla.crypto.envelope.RoundKeyPair;
import io.flotilla.crypto.envelope.SealedUpdate;
import io.flotilla.crypto.envelope.SealedUpdateCodec;
import io.flotilla.crypto.envelope.UpdateHeader;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.ProtocolChecks;
import io.flotilla.wire.SecurityMode;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code security = envelope}, coordinator side. {@link #beginRound} makes a fresh X25519 {@link RoundKeyPair}
 * (forward secrecy across rounds; the previous round's private key is dropped); {@link #open} decodes the sealed
 * update, checks it was submitted under the client id it is signed for, then runs {@link EnvelopeOpener}
 * (enrolment, signature, binding, recipient key, replay, AEAD) and finally parses the payload. Each failure is an
 * {@link UpdateRefusedException} whose reason the round counts:
 *
 * <table>
 * <caption>failed envelope checks and the reason the round counts</caption>
 * <tr><th>failed check</th><th>{@link RejectReason}</th></tr>
 * <tr><td>codec or payload structure, key agreement</td><td>MALFORMED</td></tr>
 * <tr><td>client id not enrolled</td><td>UNENROLLED</td></tr>
 * <tr><td>signature</td><td>BAD_SIGNATURE</td></tr>
 * <tr><td>another round, or this envelope or client already seen</td><td>REPLAY</td></tr>
 * <tr><td>no key for the round, or sealed to another key</td><td>WRONG_KEY</td></tr>
 * <tr><td>federation, model version, parameter hash, client id</td><td>WRONG_BINDING</td></tr>
 * <tr><td>AEAD authentication of ciphertext or associated data</td><td>TAMPERED</td></tr>
 * </table>
 *
 * <p>The failed check is named in the exception's message; the reason is what the metrics count.
 *
 * <p>One per coordinator, shared by its rounds (the {@link ReplayGuard} spans rounds); thread-safe.
 */
public final class EnvelopeUpdateOpener implements UpdateOpener {
    /** Bytes of a sealed update around its ciphertext, with the longest ids the codec accepts. */
    private static final long CODEC_OVERHEAD = 4 + 1 + 2 + UpdateHeader.MAX_ID_BYTES + 8 + 2 + UpdateHeader.MAX_ID_BYTES
            + 8 + 32 + 32 + 32 + SealedUpdate.SIGNATURE_SIZE + 4;
    private static final int AEAD_HEADER = AesGcmSegmentedAead.HEADER_SIZE;
    private static final int TAG = AesGcmSegmentedAead.TAG_SIZE;

    private final String federationId;
    private final EnrolledKeys enrolled;
    private final SegmentedAeadParameters parameters;
    private final SecureRandom random;
    private final ReplayGuard replays = new ReplayGuard();
    private volatile RoundKeyPair current;

    /** An opener for {@code federationId} that accepts updates signed by the clients in {@code enrolled}. */
    public EnvelopeUpdateOpener(String federationId, EnrolledKeys enrolled, SegmentedAeadParameters parameters,
                                SecureRandom random) {
        if (federationId == null || federationId.isEmpty() || enrolled == null || parameters == null
                || random == null) {
            throw new IllegalArgumentException("federation id, enrolled keys, parameters and random are required");
        }
        this.federationId = federationId;
        this.enrolled = enrolled;
        this.parameters = parameters;
        this.random = random;
    }

    @Override
    public boolean admits(String clientId) {
        return enrolled.lookup(clientId).isPresent();
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.ENVELOPE;
    }

    @Override
    public byte[] beginRound(int round) {
        ProtocolChecks.requireRound(round);
        RoundKeyPair pair = RoundKeyPair.generate(round, random);
        current = pair;
        // Memory bound: an update naming a round two behind is stale by its round number anyway.
        replays.forgetBefore(round - 1L);
        return pair.publicKey().key().toBytes();
    }

    @Override
    public long maxSealedSize(int values) {
        long plain = UpdatePayload.maxEncodedSize(values);
        long perSegment = parameters.segmentSize() - TAG;
        long segments = Math.max(1, (plain + perSegment - 1) / perSegment);
        return CODEC_OVERHEAD + AEAD_HEADER + plain + segments * TAG;
    }

    @Override
    public UpdatePayload open(byte[] sealed, SealContext context, int maxValues) throws UpdateRefusedException {
        RoundKeyPair key = current;
        if (key == null || key.round() != context.round()) {
            throw new UpdateRefusedException(RejectReason.WRONG_KEY, "no key for round " + context.round()
                    + " (current " + (key == null ? "none" : key.round()) + ")");
        }
        SealedUpdate update;
        try {
            update = new SealedUpdateCodec((int) Math.min(Integer.MAX_VALUE - 1024L, maxSealedSize(maxValues)))
                    .decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new UpdateRefusedException(RejectReason.MALFORMED, "client " + context.clientId() + ": "
                    + e.getMessage());
        }
        if (!update.header().clientId().equals(context.clientId())) {
            throw new UpdateRefusedException(RejectReason.WRONG_BINDING, "submitted by " + context.clientId()
                    + " but sealed for " + update.header().clientId());
        }
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(context.globalSha256());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("global hash of round " + context.round() + " is not hex", e);
        }
        EnvelopeOpener opener = new EnvelopeOpener(new RoundExpectation(federationId, context.round(),
                context.modelVersion(), hash), key, enrolled, replays, parameters);
        byte[] plain;
        try {
            plain = opener.open(update);
        } catch (UpdateRefusedException e) {
            throw new UpdateRefusedException(e.reason(), "client " + context.clientId() + ": " + e.detail());
        }
        UpdatePayload p;
        try {
            p = UpdatePayload.fromBytes(plain, maxValues);
        } catch (IllegalArgumentException e) {
            throw new UpdateRefusedException(RejectReason.MALFORMED, "client " + context.clientId() + ": "
                    + e.getMessage());
        }
        if (p.round() != context.round() || !p.clientId().equals(context.clientId())
                || p.modelVersion() != context.modelVersion()) {
            throw new UpdateRefusedException(RejectReason.WRONG_BINDING, "payload bound to round " + p.round()
                    + ", client " + p.clientId() + ", version " + p.modelVersion() + " inside an envelope for "
                    + context);
        }
        return p;
    }
}
