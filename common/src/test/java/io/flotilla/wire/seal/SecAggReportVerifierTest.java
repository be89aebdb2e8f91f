package io.flotilla.wire.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.Sha256;
import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.crypto.secagg.Share;
import io.flotilla.crypto.secagg.UnmaskResponse;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.transfer.BlobRef;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Signed secure aggregation reports against the enrolled identity keys (real Ed25519): the right key is accepted
 * for every stage; a forged or bit-flipped signature, a signature by another enrolled member's key, an unenrolled
 * client id, a round-r advertisement replayed into round r+1, another session, another index, another federation
 * and a swapped masked-input blob are each refused with the reason the round counts. A fuzz test builds hostile
 * reports of every type from arbitrary bytes: they are refused by their constructors or by the verifier, never
 * accepted and never crash it.
 */
class SecAggReportVerifierTest {
    /** Bytes of one encrypted share pair (nonce, two Shamir shares, tag), as the message checks it. */
    private static final int SHARE_CIPHERTEXT = io.flotilla.crypto.AesGcmAead.NONCE_SIZE
            + 2 * io.flotilla.crypto.secagg.ShamirSecretSharer.SHARE_SIZE + io.flotilla.crypto.AesGcmAead.TAG_SIZE;
    private static final String FEDERATION = "fed";
    private static final long SESSION = 99;
    private final SecureRandom random = new SecureRandom();
    private final Ed25519PrivateKey alice = Ed25519PrivateKey.generate(random);
    private final Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
    private final EnrolledKeys enrolled = new EnrolledKeys();
    private final SecAggReportVerifier verifier;
    private final SecAggReportSigner aliceSigns = new SecAggReportSigner(FEDERATION, "alice", alice);

    SecAggReportVerifierTest() {
        enrolled.enrol("alice", alice.publicKey());
        enrolled.enrol("bob", bob.publicKey());
        verifier = new SecAggReportVerifier(FEDERATION, enrolled);
    }

    private AdvertiseKeys keys(int index) {
        return new AdvertiseKeys(index, X25519PrivateKey.generate(random).publicKey(),
                X25519PrivateKey.generate(random).publicKey());
    }

    private static RejectReason refusal(Executable e) {
        return assertThrows(UpdateRefusedException.class, e::run).reason();
    }

    private interface Executable {
        void run() throws Exception;
    }

    private static byte[] flipped(byte[] b, int bit) {
        byte[] out = b.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    private static UnmaskResponse response(int index) {
        Map<Integer, Share> seeds = new TreeMap<>();
        Map<Integer, Share> masks = new TreeMap<>();
        seeds.put(0, new Share(index + 1, new byte[SecAggUnmaskAnswered.SHARE_SIZE]));
        byte[] y = new byte[SecAggUnmaskAnswered.SHARE_SIZE];
        y[3] = 7;
        masks.put(4, new Share(index + 1, y));
        return new UnmaskResponse(index, seeds, masks);
    }

    @Test
    void everyStageSignedByTheEnrolledKeyIsAccepted() throws Exception {
        verifier.verify(aliceSigns.advertise(3, SESSION, keys(2)), SESSION);
        BlobRef blob = new BlobRef("ab".repeat(32), 100, "");
        verifier.verify(aliceSigns.input(3, SESSION, 2, blob, ClientReport.trained(Double.NaN, Double.NaN, 1.0)), SESSION);
        verifier.verify(aliceSigns.unmask(3, SESSION, response(2)), SESSION);
    }

    @Test
    void aBitFlippedSignatureIsRefusedAtEveryPosition() {
        SecAggKeysAdvertised a = aliceSigns.advertise(3, SESSION, keys(2));
        for (int bit = 0; bit < 512; bit += 37) {
            SecAggReport forged = a.withSignature(flipped(a.signature(), bit));
            assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(forged, SESSION)), "bit " + bit);
        }
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(a.withSignature(new byte[64]),
                SESSION)), "an all-zero signature");
    }

    @Test
    void anotherEnrolledMembersKeyCannotSpeakForAlice() {
        SecAggReportSigner bobAsAlice = new SecAggReportSigner(FEDERATION, "alice", bob);
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(
                bobAsAlice.advertise(3, SESSION, keys(2)), SESSION)));
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(
                bobAsAlice.unmask(3, SESSION, response(2)), SESSION)));
    }

    @Test
    void anUnenrolledClientIdIsRefused() {
        SecAggReportSigner mallory = new SecAggReportSigner(FEDERATION, "mallory",
                Ed25519PrivateKey.generate(random));
        assertEquals(RejectReason.UNENROLLED, refusal(() -> verifier.verify(
                mallory.advertise(3, SESSION, keys(2)), SESSION)));
        enrolled.revoke("alice");
        assertEquals(RejectReason.UNENROLLED, refusal(() -> verifier.verify(
                aliceSigns.advertise(3, SESSION, keys(2)), SESSION)), "a revoked member");
    }

    @Test
    void aSignatureBindsTheRoundTheSessionTheIndexAndTheFederation() {
        SecAggKeysAdvertised a = aliceSigns.advertise(3, SESSION, keys(2));
        // Round r's advertisement replayed into round r+1 with its round rewritten.
        SecAggKeysAdvertised nextRound = new SecAggKeysAdvertised(4, "alice", 2, a.cipherKey(), a.maskKey(),
                a.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(nextRound, SESSION)));
        // The same round number in another session (a restarted coordinator), unchanged.
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(a, SESSION + 1)));
        SecAggKeysAdvertised otherIndex = new SecAggKeysAdvertised(3, "alice", 5, a.cipherKey(), a.maskKey(),
                a.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(otherIndex, SESSION)));
        SecAggKeysAdvertised otherKey = new SecAggKeysAdvertised(3, "alice", 2, a.maskKey(), a.cipherKey(),
                a.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(otherKey, SESSION)),
                "keys swapped");
        SecAggReportVerifier elsewhere = new SecAggReportVerifier("other-fed", enrolled);
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> elsewhere.verify(a, SESSION)));
    }

    @Test
    void aSignatureOfOneStageIsNotValidForAnother() {
        // An unmask answer and an input signed for index 2 of round 3; their signatures moved onto the other type.
        SecAggUnmaskAnswered u = aliceSigns.unmask(3, SESSION, response(2));
        SecAggInputSubmitted in = aliceSigns.input(3, SESSION, 2, new BlobRef("cd".repeat(32), 10, ""), ClientReport.NONE);
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(in.withSignature(u.signature()),
                SESSION)));
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(u.withSignature(in.signature()),
                SESSION)));
    }

    @Test
    void alteredUnmaskSharesOrAnotherBlobAreRefused() {
        SecAggUnmaskAnswered u = aliceSigns.unmask(3, SESSION, response(2));
        SecAggUnmaskAnswered altered = new SecAggUnmaskAnswered(3, "alice", 2, u.seedOwners(),
                flipped(u.seedShares(), 5), u.keyOwners(), u.keyShares(), u.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(altered, SESSION)));
        SecAggUnmaskAnswered moved = new SecAggUnmaskAnswered(3, "alice", 2, new int[] {1}, u.seedShares(),
                u.keyOwners(), u.keyShares(), u.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(moved, SESSION)), "share owner");
        SecAggInputSubmitted in = aliceSigns.input(3, SESSION, 2, new BlobRef("cd".repeat(32), 10, ""), ClientReport.NONE);
        SecAggInputSubmitted swapped = new SecAggInputSubmitted(3, "alice", 2, new BlobRef("ce".repeat(32), 10, ""),
                ClientReport.NONE, in.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(swapped, SESSION)));
        SecAggInputSubmitted resized = new SecAggInputSubmitted(3, "alice", 2, new BlobRef("cd".repeat(32), 11, ""),
                ClientReport.NONE, in.signature());
        assertEquals(RejectReason.BAD_SIGNATURE, refusal(() -> verifier.verify(resized, SESSION)));
    }

    @Test
    void theFetchedBlobMustBeTheSignedOne() throws Exception {
        byte[] blob = {1, 2, 3, 4, 5};
        SecAggInputSubmitted in = aliceSigns.input(3, SESSION, 2, new BlobRef(Sha256.hex(blob), blob.length, ""),
                ClientReport.NONE);
        SecAggReportVerifier.requireSignedBlob(in, blob);
        assertEquals(RejectReason.TAMPERED, refusal(() -> SecAggReportVerifier.requireSignedBlob(in,
                new byte[] {1, 2, 3, 4, 6})));
        assertEquals(RejectReason.TAMPERED, refusal(() -> SecAggReportVerifier.requireSignedBlob(in,
                new byte[] {1, 2, 3, 4})));
    }

    @Test
    void refusalsNameTheClientAndNoKeyMaterial() {
        SecAggReportSigner bobAsAlice = new SecAggReportSigner(FEDERATION, "alice", bob);
        SecAggKeysAdvertised a = bobAsAlice.advertise(3, SESSION, keys(2));
        UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> verifier.verify(a, SESSION));
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
        String hex = java.util.HexFormat.of().formatHex(a.signature());
        assertTrue(!e.getMessage().contains(hex.substring(0, 16)), e.getMessage());
        assertTrue(!aliceSigns.toString().contains(java.util.HexFormat.of().formatHex(
                alice.seed().toByteArrayInsecure()).substring(0, 16)), aliceSigns.toString());
    }

    @Test
    void constructionNeedsAFederationAndKeys() {
        assertThrows(IllegalArgumentException.class, () -> new SecAggReportVerifier("", enrolled));
        assertThrows(NullPointerException.class, () -> new SecAggReportVerifier(FEDERATION, null));
        assertThrows(IllegalArgumentException.class, () -> new SecAggReportSigner("", "alice", alice));
        assertThrows(NullPointerException.class, () -> new SecAggReportSigner(FEDERATION, "alice", null));
    }

    @FuzzTest(maxDuration = "10s")
    void hostileReportsAreRefusedNeverAcceptedNeverCrash(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        int round = data.consumeInt();
        String client = data.pickValue(new String[] {"alice", "bob", "mallory", ""});
        int index = data.consumeInt(-1, 2001);
        long session = data.pickValue(new Long[] {SESSION, data.consumeLong()});
        SecAggReport report;
        try {
            report = switch (kind) {
                case 0 -> new SecAggKeysAdvertised(round, client, index, data.consumeBytes(33), data.consumeBytes(33),
                        data.consumeBytes(65));
                case 1 -> new SecAggSharesSent(round, client, index, new int[] {data.consumeInt(0, 1999)},
                        data.consumeBytes(SHARE_CIPHERTEXT + 1), data.consumeBytes(65));
                case 2 -> new SecAggInputSubmitted(round, client, index, new BlobRef(
                        java.util.HexFormat.of().formatHex(padded(data.consumeBytes(32))), data.consumeLong(), ""),
                        ClientReport.NONE, data.consumeBytes(65));
                default -> new SecAggUnmaskAnswered(round, client, index, new int[] {data.consumeInt(0, 1999)},
                        data.consumeBytes(SecAggUnmaskAnswered.SHARE_SIZE + 1), new int[0], new byte[0],
                        data.consumeRemainingAsBytes());
            };
        } catch (IllegalArgumentException badShape) {
            return; // refused by the record's constructor, as Kryo decoding would be
        }
        try {
            verifier.verify(report, session);
        } catch (UpdateRefusedException expected) {
            return; // counted and logged by the round; nothing else may escape
        }
        throw new AssertionError("a report nobody signed was accepted: " + report.getClass().getSimpleName());
    }

    private static byte[] padded(byte[] b) {
        return java.util.Arrays.copyOf(b, 32);
    }
}
