package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.TopKCodec;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.pruning.compression.UpdateDecoder;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Compressed updates through the round collector with real envelope encryption (X25519, Ed25519, AES-GCM): each
 * client's top-k update with error feedback is sealed, the collector opens, decodes, validates and folds it, the
 * aggregate equals the mean of what the clients' compressors sent, bytes up are the sealed compressed sizes, and
 * dense or over-dense updates are refused.
 */
class RoundCollectorCompressionTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FEDERATION = "fed";
    private static final int N = 10_000;
    private static final long VERSION = 4;
    private static final CompressionConfig TOPK = CompressionConfig.fromSettings("compression", 0.01, 0, true, 4096);

    private final SecureRandom random = new SecureRandom();
    private final SegmentedAeadParameters aead = new SegmentedAeadParameters(64 * 1024);
    private final InProcessBlobExchange blobs = new InProcessBlobExchange();
    private final BlobRef params = blobs.publish(GlobalParameters.encode(new float[N]));
    private final Map<String, Ed25519PrivateKey> identities = new LinkedHashMap<>();
    private final EnrolledKeys enrolled = new EnrolledKeys();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static float[] gaussian(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[N];
        for (int i = 0; i < N; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return d;
    }

    private byte[] seal(String id, int round, byte[] roundKey, UpdatePayload payload) {
        return new EnvelopeUpdateSealer(FEDERATION, id, identities.get(id), aead, random).seal(payload,
                new SealContext(round, id, VERSION, params.sha256(), roundKey));
    }

    @Test
    void sealedTopKUpdatesWithErrorFeedbackAreOpenedDecodedFoldedAndCountedAcrossTwoRounds() {
        List<String> members = List.of("a", "b", "dense", "greedy");
        for (String id : members) {
            identities.put(id, Ed25519PrivateKey.generate(random));
            enrolled.enrol(id, identities.get(id).publicKey());
        }
        EnvelopeUpdateOpener opener = new EnvelopeUpdateOpener(FEDERATION, enrolled, aead, random);
        Map<String, UpdateCompressor> compressors = Map.of("a", new UpdateCompressor(TOPK),
                "b", new UpdateCompressor(TOPK));
        for (int round = 1; round <= 2; round++) {
            Map<String, TestProbe<ClientMessage>> probes = new LinkedHashMap<>();
            Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
            Map<String, Long> seeds = new LinkedHashMap<>();
            for (String id : members) {
                TestProbe<ClientMessage> p = KIT.createTestProbe();
                probes.put(id, p);
                cohort.put(id, p.ref());
                seeds.put(id, (long) round);
            }
            TestProbe<RoundCollector.Closed> parent = KIT.createTestProbe();
            WeightedSum sum = new WeightedSum(N);
            RoundPlan plan = new RoundPlan(round, VERSION, "tiny", N, params, TrainConfig.defaults(),
                    SecurityMode.ENVELOPE, cohort, seeds, 2, Duration.ofSeconds(120), Duration.ofSeconds(10),
                    KIT.<CoordinatorMessage>createTestProbe().ref(), null, TOPK);
            ActorRef<RoundCollector.Command> collector = KIT.spawn(RoundCollector.create(plan, sum,
                PerUpdateCollection.factory(opener, blobs), parent.ref()));
            byte[] key = null;
            for (TestProbe<ClientMessage> p : probes.values()) {
                key = p.expectMessageClass(TrainInstruction.class, WAIT).roundKey();
            }
            Map<String, byte[]> sealed = new LinkedHashMap<>();
            float[] expected = new float[N];
            for (String id : List.of("a", "b")) {
                float[] delta = gaussian(31L * round + id.hashCode());
                byte[] codec = compressors.get(id).compress(delta, null, round);
                float[] sent = new UpdateDecoder(TOPK).decode(codec, N).toDense();
                for (int i = 0; i < N; i++) {
                    expected[i] += sent[i] / 2;
                }
                sealed.put(id, seal(id, round, key, UpdatePayload.encoded(round, id, VERSION, codec)));
            }
            sealed.put("dense", seal("dense", round, key, new UpdatePayload(round, "dense", VERSION,
                    gaussian(5))));
            sealed.put("greedy", seal("greedy", round, key, UpdatePayload.encoded(round, "greedy", VERSION,
                    new TopKCodec(0.05f, 0).encode(gaussian(6), new SplittableRandom(1)))));
            sealed.forEach((id, bytes) -> collector.tell(new RoundCollector.Submit(new SubmitUpdate(plan.round(), id,
                    VERSION, params.sha256(), 10, blobs.publish(bytes), ClientReport.NONE, probes.get(id).ref()))));

            probes.get("a").expectMessageClass(UpdateAccepted.class, WAIT);
            probes.get("b").expectMessageClass(UpdateAccepted.class, WAIT);
            UpdateRejected dense = probes.get("dense").expectMessageClass(UpdateRejected.class, WAIT);
            assertEquals(RejectReason.MALFORMED, dense.reason(), dense.detail());
            UpdateRejected greedy = probes.get("greedy").expectMessageClass(UpdateRejected.class, WAIT);
            assertEquals(RejectReason.MALFORMED, greedy.reason(), greedy.detail());
            assertTrue(greedy.detail().contains("at most 100"), greedy.detail());

            RoundCollector.Closed c = parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
            assertEquals(2, c.accepted());
            assertEquals(Map.of(RejectReason.MALFORMED, 2), c.rejected());
            assertArrayEquals(expected, sum.mean(), 1e-6f);
            long up = sealed.get("a").length + sealed.get("b").length;
            assertEquals(up, c.bytesUp());
            // 100 of 10,000 values with varint index gaps: over 30x fewer bytes than the sealed dense update
            assertTrue(30L * up < 2L * sealed.get("dense").length, up + " bytes up vs dense "
                    + sealed.get("dense").length);
        }
        // after two rounds each client holds what top-k dropped from both deltas (more than one delta's energy)
        float[] residual = compressors.get("a").residual();
        assertEquals(N, residual.length);
        double norm = 0;
        for (float v : residual) {
            norm += v * v;
        }
        assertTrue(norm > 1.5 * N, "residual norm^2 " + norm);
    }
}
