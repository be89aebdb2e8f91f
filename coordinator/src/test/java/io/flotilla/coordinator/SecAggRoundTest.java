package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggSettings;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's secure aggregation session as a real actor with ten members played by real
 * {@link io.flotilla.crypto.secagg.SecAggClient}s: the unmasked sum equals the plaintext weighted sum of the
 * survivors within the quantisation bound with no dropout, 10% and 30% of members dropping after their masked
 * input, and members dropping during key sharing; below the threshold the session fails with a reason. Every
 * report is signed: a member impersonated with another member's key, an unenrolled member, a forged advertisement
 * in a member's name, a forged masked-input signature and a forged unmasking answer are each refused and counted,
 * and the round completes with exactly the honest survivors' sum.
 */
class SecAggRoundTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int N = 10;
    private static final int LENGTH = 7;
    private static final double CLIP = 2.0;
    /** Short stage deadlines: a member that never answers costs one of them. */
    private static final SecAggSettings SETTINGS = new SecAggSettings(0.67, 0, CLIP, 0, 1000, 0.5,
            Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3));

    private final InProcessBlobExchange blobs = new InProcessBlobExchange();
    private final SecAggTestIdentities ids = new SecAggTestIdentities(List.of("m0", "m1", "m2", "m3", "m4", "m5",
            "m6", "m7", "m8", "m9"));
    private final float[][] deltas = new float[N][LENGTH];

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private record Session(ActorRef<CollectionProtocol.Command> round,
                           TestProbe<CollectionProtocol.Outcome> outcome, List<SecAggTestClient> clients,
                           WeightedSum sum) {
    }

    private Session start(SecAggSettings settings) {
        return start(settings, Duration.ofSeconds(20), ids, Map.of());
    }

    /**
     * A session of ten members m0..m9 under a round deadline of {@code roundTimeout}, verified against
     * {@code identities}' enrolled keys, whose signers the members use but where {@code signers} replaces one
     * (impersonation).
     */
    private Session start(SecAggSettings settings, Duration roundTimeout, SecAggTestIdentities identities,
                          Map<Integer, SecAggReportSigner> signers) {
        SplittableRandom r = new SplittableRandom(3);
        for (float[] d : deltas) {
            for (int j = 0; j < LENGTH; j++) {
                d[j] = (float) (r.nextDouble() * 5 - 2.5); // some beyond the clipping range
            }
        }
        Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
        Map<String, Long> seeds = new HashMap<>();
        List<TestProbe<ClientMessage>> probes = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            TestProbe<ClientMessage> p = KIT.createTestProbe();
            probes.add(p);
            cohort.put("m" + i, p.ref());
            seeds.put("m" + i, (long) i);
        }
        TestProbe<CoordinatorMessage> inbox = KIT.createTestProbe();
        BlobRef params = blobs.publish(GlobalParameters.encode(new float[LENGTH]));
        RoundPlan plan = new RoundPlan(4, 3, "tiny", LENGTH, params, TrainConfig.defaults(), SecurityMode.SECAGG,
                cohort, seeds, 1, roundTimeout, Duration.ofSeconds(10), inbox.ref());
        TestProbe<CollectionProtocol.Outcome> outcome = KIT.createTestProbe();
        WeightedSum sum = new WeightedSum(LENGTH);
        ActorRef<CollectionProtocol.Command> round = KIT.spawn(SecAggRound.create(plan, sum, settings,
                identities.verifier(), blobs, outcome.ref()));
        List<SecAggTestClient> clients = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            clients.add(new SecAggTestClient(signers.getOrDefault(i, identities.signer("m" + i)), probes.get(i), LENGTH,
                    blobs, rep -> round.tell(new CollectionProtocol.SecAggReceived(rep))));
        }
        return new Session(round, outcome, clients, sum);
    }

    private static long weight(int i) {
        return 10L * (i + 1);
    }

    /** Runs every stage; members in {@code noShares} stop after advertising, {@code noUnmask} after masking. */
    private CollectionProtocol.Outcome run(Session s, Set<Integer> noShares, Set<Integer> noUnmask) throws Exception {
        for (SecAggTestClient c : s.clients()) {
            c.advertise();
        }
        for (int i = 0; i < N; i++) {
            if (!noShares.contains(i)) {
                s.clients().get(i).share();
            }
        }
        for (int i = 0; i < N; i++) {
            if (!noShares.contains(i)) {
                s.clients().get(i).mask(deltas[i], weight(i));
            }
        }
        for (int i = 0; i < N; i++) {
            if (!noShares.contains(i) && !noUnmask.contains(i)) {
                s.clients().get(i).unmask();
            }
        }
        return s.outcome().expectMessageClass(CollectionProtocol.Outcome.class, WAIT);
    }

    /** The plaintext weighted sum of the members not in {@code out}, clipped as the protocol clips. */
    private void assertSumOfAllBut(Session s, CollectionProtocol.Outcome o, Set<Integer> out) {
        assertNull(o.failure());
        assertEquals(CloseCause.SECAGG_UNMASKED, o.cause());
        SecAggConfig config = SETTINGS.configFor(N, LENGTH, 0);
        long total = 0;
        double[] expected = new double[LENGTH];
        for (int i = 0; i < N; i++) {
            if (out.contains(i)) {
                continue;
            }
            total += weight(i);
            for (int j = 0; j < LENGTH; j++) {
                expected[j] += weight(i) * Math.max(-CLIP, Math.min(CLIP, deltas[i][j]));
            }
        }
        assertEquals(N - out.size(), o.accepted());
        assertEquals(N - out.size(), s.sum().count(), "only the unmasked sum reached the accumulator");
        assertEquals(total, s.sum().totalWeight());
        double bound = config.quantisationBound(N - out.size()) + 1e-4;
        float[] mean = s.sum().mean();
        for (int j = 0; j < LENGTH; j++) {
            assertEquals(expected[j] / total, mean[j], bound / total + 1e-6, "value " + j);
        }
    }

    @Test
    void withoutDropoutTheSumIsThePlaintextWeightedSum() throws Exception {
        Session s = start(SETTINGS);
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of());
        assertSumOfAllBut(s, o, Set.of());
        assertEquals(List.of(N, N, N, N), o.stages());
        assertEquals(N * io.flotilla.wire.seal.MaskedInputBlob.encodedSize(LENGTH + 1), o.bytesUp());
        assertEquals(N, o.reports().size());
    }

    @Test
    void tenPercentDroppingAfterMaskedInputStillCountInTheSum() throws Exception {
        Session s = start(SETTINGS);
        // Their masked inputs arrived, so their inputs are in the sum; the others reveal their self-mask shares.
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of(4));
        assertSumOfAllBut(s, o, Set.of());
        assertEquals(List.of(N, N, N, N - 1), o.stages());
    }

    @Test
    void thirtyPercentDroppingAfterMaskedInputLeaveTheLeavingClientsOutOfNothing() throws Exception {
        Session s = start(SETTINGS);
        for (String gone : List.of("m1", "m5", "m8")) {
            // Announced as gone before the unmasking stage: the stage closes without waiting for its deadline.
            s.round().tell(new CollectionProtocol.Dropped(gone));
        }
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of(1, 5, 8));
        assertSumOfAllBut(s, o, Set.of());
        assertEquals(List.of(N, N, N, N - 3), o.stages());
    }

    @Test
    void membersDroppingDuringKeySharingAreLeftOutAndTheirMasksNeverApplied() throws Exception {
        Session s = start(SETTINGS);
        CollectionProtocol.Outcome o = run(s, Set.of(2, 7), Set.of(0));
        assertSumOfAllBut(s, o, Set.of(2, 7));
        assertEquals(List.of(N, N - 2, N - 2, N - 3), o.stages());
    }

    @Test
    void fewerSurvivorsThanTheThresholdFailTheSessionWithAReason() throws Exception {
        Session s = start(SETTINGS);
        int t = SETTINGS.threshold(N);
        assertEquals(7, t);
        for (SecAggTestClient c : s.clients()) {
            c.advertise();
        }
        // Four of ten never send shares: six remain, one below the threshold.
        for (int i = 4; i < N; i++) {
            s.clients().get(i).share();
        }
        CollectionProtocol.Outcome o = s.outcome().expectMessageClass(CollectionProtocol.Outcome.class, WAIT);
        assertEquals(CloseCause.SECAGG_FAILED, o.cause());
        assertEquals(0, o.accepted());
        assertEquals(0, s.sum().count(), "nothing reached the accumulator");
        assertTrue(o.failure().contains("threshold is 7"), o.failure());
    }

    @Test
    void aMemberWhoseKeysAreSignedByAnotherMembersKeyIsRefusedAndTheRoundGoesOnWithoutIt() throws Exception {
        // Whoever holds m4's identity key speaks for m3: every report "of m3" is signed with m4's key.
        Session s = start(SETTINGS, Duration.ofSeconds(20), ids, Map.of(3, ids.impersonating("m3", "m4")));
        CollectionProtocol.Outcome o = run(s, Set.of(3), Set.of());
        assertSumOfAllBut(s, o, Set.of(3));
        assertEquals(List.of(N - 1, N - 1, N - 1, N - 1), o.stages());
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, 1), o.rejected());
    }

    @Test
    void aForgedAdvertisementInAMembersNameNeitherTakesItsPlaceNorKnocksItOut() throws Exception {
        Session s = start(SETTINGS);
        // m4's key holder advertises X25519 keys of its own as m3's, just before m3 does (m2 goes first).
        SecAggTestClient m2 = s.clients().get(2);
        m2.tamper(r -> {
            if (r instanceof SecAggKeysAdvertised) {
                s.round().tell(new CollectionProtocol.SecAggReceived(ids.impersonating("m3", "m4").advertise(4, m2.setup.session(),
                        new AdvertiseKeys(3, X25519PrivateKey.generate(new SecureRandom()).publicKey(),
                                X25519PrivateKey.generate(new SecureRandom()).publicKey()))));
            }
            return r;
        });
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of());
        assertSumOfAllBut(s, o, Set.of());
        assertEquals(List.of(N, N, N, N), o.stages());
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, 1), o.rejected());
    }

    @Test
    void aClientIdWithoutAnEnrolledKeyIsRefusedAsUnenrolled() throws Exception {
        SecAggTestIdentities nine = new SecAggTestIdentities(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6",
                "m7", "m8"));
        // m9 is in the cohort but has no enrolled key; it signs with a key of its own.
        Session s = start(SETTINGS, Duration.ofSeconds(20), nine, Map.of());
        CollectionProtocol.Outcome o = run(s, Set.of(9), Set.of());
        assertSumOfAllBut(s, o, Set.of(9));
        assertEquals(Map.of(RejectReason.UNENROLLED, 1), o.rejected());
    }

    @Test
    void aForgedMaskedInputSignatureIsRefusedBeforeFetchingAndTheMemberCountsAsDropped() throws Exception {
        // A short round deadline: the masked-input stage waits for m5 until then.
        Session s = start(SETTINGS, Duration.ofSeconds(12), ids, Map.of());
        SecAggTestClient m5 = s.clients().get(5);
        m5.tamper(r -> r instanceof SecAggInputSubmitted ? SecAggTestClient.flipSignature(r) : r);
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of(5));
        // m5's masked input never entered the sum; the survivors revealed its mask key instead.
        assertSumOfAllBut(s, o, Set.of(5));
        assertEquals(List.of(N, N, N - 1, N - 1), o.stages());
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, 1), o.rejected());
        assertEquals((N - 1) * io.flotilla.wire.seal.MaskedInputBlob.encodedSize(LENGTH + 1), o.bytesUp(),
                "the forged input's blob was never fetched");
    }

    @Test
    void anUnmaskAnswerWithABadSignatureIsIgnored() throws Exception {
        Session s = start(SETTINGS);
        s.clients().get(2).tamper(r -> r instanceof SecAggUnmaskAnswered ? SecAggTestClient.flipSignature(r) : r);
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of());
        // All ten masked inputs arrived, so all ten are in the sum; m2's shares were not used.
        assertSumOfAllBut(s, o, Set.of());
        assertEquals(List.of(N, N, N, N - 1), o.stages());
        assertEquals(Map.of(RejectReason.BAD_SIGNATURE, 1), o.rejected());
    }

    @Test
    void anOrdinaryUpdateIsRefusedUnreadUnderSecureAggregation() throws Exception {
        Session s = start(SETTINGS);
        TestProbe<ClientMessage> sender = KIT.createTestProbe();
        BlobRef payload = blobs.publish(new byte[] {1, 2, 3});
        s.round().tell(new CollectionProtocol.Submitted(new SubmitUpdate(4, "m1", 3, "ab".repeat(32), 10, payload,
                ClientReport.NONE, sender.ref())));
        UpdateRejected r = sender.expectMessageClass(UpdateRejected.class, WAIT);
        assertEquals(RejectReason.MALFORMED, r.reason());
        assertTrue(r.detail().contains("never opened"), r.detail());
        // The session goes on: the sum is that of all ten masked inputs.
        CollectionProtocol.Outcome o = run(s, Set.of(), Set.of());
        assertSumOfAllBut(s, o, Set.of());
        assertEquals(Map.of(RejectReason.MALFORMED, 1), o.rejected());
        assertEquals(0L, o.bytesUp() - N * io.flotilla.wire.seal.MaskedInputBlob.encodedSize(LENGTH + 1),
                "the refused update's blob was never fetched");
    }
}
