package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.nn.TrainConfig;
import io.flotilla.wire.protocol.BlobRef;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.GlobalParameters;
import io.flotilla.wire.protocol.InProcessBlobExchange;
import io.flotilla.wire.protocol.SecAggSettings;
import io.flotilla.wire.protocol.SecurityMode;
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
 * input, and members dropping during key sharing; below the threshold the session fails with a reason.
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
    private final float[][] deltas = new float[N][LENGTH];

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private record Session(ActorRef<SecAggRound.Command> round, TestProbe<SecAggRound.Outcome> outcome,
                           List<SecAggTestClient> clients) {
    }

    private Session start(SecAggSettings settings) {
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
                cohort, seeds, 1, Duration.ofSeconds(20), Duration.ofSeconds(10), inbox.ref());
        TestProbe<SecAggRound.Outcome> outcome = KIT.createTestProbe();
        ActorRef<SecAggRound.Command> round = KIT.spawn(SecAggRound.create(plan, settings, blobs, outcome.ref()));
        List<SecAggTestClient> clients = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            clients.add(new SecAggTestClient("m" + i, probes.get(i), LENGTH, blobs,
                    rep -> round.tell(new SecAggRound.Report(rep))));
        }
        return new Session(round, outcome, clients);
    }

    private static long weight(int i) {
        return 10L * (i + 1);
    }

    /** Runs every stage; members in {@code noShares} stop after advertising, {@code noUnmask} after masking. */
    private SecAggRound.Outcome run(Session s, Set<Integer> noShares, Set<Integer> noUnmask) throws Exception {
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
        return s.outcome().expectMessageClass(SecAggRound.Outcome.class, WAIT);
    }

    /** The plaintext weighted sum of the members not in {@code out}, clipped as the protocol clips. */
    private void assertSumOfAllBut(SecAggRound.Outcome o, Set<Integer> out) {
        assertNull(o.failure());
        assertNotNull(o.result());
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
        assertEquals(N - out.size(), o.result().survivors());
        assertEquals(total, o.result().totalWeight());
        double bound = config.quantisationBound(N - out.size()) + 1e-4;
        for (int j = 0; j < LENGTH; j++) {
            assertEquals(expected[j], o.result().weightedSum()[j], bound, "value " + j);
        }
    }

    @Test
    void withoutDropoutTheSumIsThePlaintextWeightedSum() throws Exception {
        Session s = start(SETTINGS);
        SecAggRound.Outcome o = run(s, Set.of(), Set.of());
        assertSumOfAllBut(o, Set.of());
        assertEquals(List.of(N, N, N, N), o.stages());
        assertEquals(N * io.flotilla.wire.protocol.MaskedInputBlob.encodedSize(LENGTH + 1), o.bytesUp());
        assertEquals(N, o.metrics().size());
    }

    @Test
    void tenPercentDroppingAfterMaskedInputStillCountInTheSum() throws Exception {
        Session s = start(SETTINGS);
        // Their masked inputs arrived, so their inputs are in the sum; the others reveal their self-mask shares.
        SecAggRound.Outcome o = run(s, Set.of(), Set.of(4));
        assertSumOfAllBut(o, Set.of());
        assertEquals(List.of(N, N, N, N - 1), o.stages());
    }

    @Test
    void thirtyPercentDroppingAfterMaskedInputLeaveTheLeavingClientsOutOfNothing() throws Exception {
        Session s = start(SETTINGS);
        for (String gone : List.of("m1", "m5", "m8")) {
            // Announced as gone before the unmasking stage: the stage closes without waiting for its deadline.
            s.round().tell(new SecAggRound.Dropped(gone));
        }
        SecAggRound.Outcome o = run(s, Set.of(), Set.of(1, 5, 8));
        assertSumOfAllBut(o, Set.of());
        assertEquals(List.of(N, N, N, N - 3), o.stages());
    }

    @Test
    void membersDroppingDuringKeySharingAreLeftOutAndTheirMasksNeverApplied() throws Exception {
        Session s = start(SETTINGS);
        SecAggRound.Outcome o = run(s, Set.of(2, 7), Set.of(0));
        assertSumOfAllBut(o, Set.of(2, 7));
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
        SecAggRound.Outcome o = s.outcome().expectMessageClass(SecAggRound.Outcome.class, WAIT);
        assertNull(o.result());
        assertTrue(o.failure().contains("threshold is 7"), o.failure());
    }
}
