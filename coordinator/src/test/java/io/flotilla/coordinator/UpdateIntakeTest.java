package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.aggregation.BufferedUpdates;
import io.flotilla.aggregation.Strategies;
import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.TopKCodec;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.update.UpdatePayload;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpdateIntakeTest {
    private static final CompressionConfig TOPK = CompressionConfig.fromSettings("c", 0.25, 0, true, 4096);
    private static final int N = 8;

    private static UpdatePayload topk(float[] delta, float fraction) {
        return UpdatePayload.encoded(1, "a", 0, new TopKCodec(fraction, 0).encode(delta, new SplittableRandom(1)));
    }

    private static RejectReason refusal(UpdateIntake intake, UpdatePayload p, UpdateAccumulator acc) {
        UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> intake.fold(p, N, acc, 1));
        return e.reason();
    }

    @Test
    void aTopKUpdateFoldsSparseIntoAStreamingSum() throws Exception {
        WeightedSum sum = new WeightedSum(N);
        new UpdateIntake(TOPK).fold(topk(new float[] {0f, 3f, 0f, 0f, -5f, 1f, 0f, 0f}, 0.25f), N, sum, 2);
        new UpdateIntake(TOPK).fold(topk(new float[] {1f, 0f, 0f, 0f, 0f, 0f, 0f, 2f}, 0.25f), N, sum, 2);
        assertEquals(2, sum.count());
        assertArrayEquals(new float[] {0.5f, 1.5f, 0f, 0f, -2.5f, 0f, 0f, 1f}, sum.mean());
    }

    @Test
    void aRobustStrategyGetsEachCompressedUpdateDensified() throws Exception {
        Strategy median = Strategies.create(Map.of("name", "median"));
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", N));
        UpdateAccumulator acc = median.newAccumulator(layout);
        assertTrue(acc instanceof BufferedUpdates);
        UpdateIntake intake = new UpdateIntake(TOPK);
        intake.fold(topk(new float[] {0f, 3f, 0f, 0f, -5f, 1f, 0f, 0f}, 0.25f), N, acc, 1);
        intake.fold(topk(new float[] {0f, 1f, 0f, 0f, -1f, 0f, 0f, 0f}, 0.25f), N, acc, 1);
        intake.fold(topk(new float[] {0f, 2f, 0f, 0f, 0f, 0f, 4f, 0f}, 0.25f), N, acc, 1);
        ParameterSet next = median.aggregateFit(1, ParameterSet.zeros(layout), acc).orElseThrow();
        assertArrayEquals(new float[] {0f, 2f, 0f, 0f, -1f, 0f, 0f, 0f}, next.values());
    }

    @Test
    void theFederationsFormIsTheOnlyOneAccepted() {
        WeightedSum sum = new WeightedSum(N);
        UpdatePayload dense = new UpdatePayload(1, "a", 0, new float[N]);
        UpdatePayload encoded = topk(new float[] {1f, 0f, 0f, 0f, 0f, 0f, 0f, 2f}, 0.25f);
        assertEquals(RejectReason.MALFORMED, refusal(new UpdateIntake(TOPK), dense, sum));
        assertEquals(RejectReason.MALFORMED, refusal(new UpdateIntake(null), encoded, sum));
        assertEquals(RejectReason.MALFORMED, refusal(new UpdateIntake(CompressionConfig.none()), encoded, sum));
        assertEquals(0, sum.count());
    }

    @Test
    void denserWrongSizedTruncatedOrNonFiniteCompressedUpdatesAreRefusedWithTheirReason() {
        WeightedSum sum = new WeightedSum(N);
        UpdateIntake intake = new UpdateIntake(TOPK);
        float[] d = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f};
        assertEquals(RejectReason.MALFORMED, refusal(intake, topk(d, 0.5f), sum));
        byte[] ok = new TopKCodec(0.25f, 0).encode(d, new SplittableRandom(1));
        assertEquals(RejectReason.MALFORMED, refusal(intake, UpdatePayload.encoded(1, "a", 0,
                java.util.Arrays.copyOf(ok, ok.length - 1)), sum));
        byte[] nine = new TopKCodec(0.25f, 0).encode(new float[9], new SplittableRandom(1));
        assertEquals(RejectReason.MALFORMED, refusal(intake, UpdatePayload.encoded(1, "a", 0, nine), sum));
        // "FTK1", n = 8, k = 1, gaps, gap 2, float32, +Infinity
        byte[] inf = {'F', 'T', 'K', '1', 8, 1, 1, 2, 0, 0, 0, (byte) 0x80, 0x7F};
        assertEquals(RejectReason.NON_FINITE, refusal(intake, UpdatePayload.encoded(1, "a", 0, inf), sum));
        assertEquals(0, sum.count());
    }

    @Test
    void denseUpdatesKeepTheirShapeAndFinitenessChecks() {
        WeightedSum sum = new WeightedSum(N);
        UpdateIntake intake = new UpdateIntake(null);
        assertEquals(RejectReason.WRONG_SHAPE, refusal(intake, new UpdatePayload(1, "a", 0, new float[N - 1]), sum));
        float[] nan = new float[N];
        nan[5] = Float.NaN;
        assertEquals(RejectReason.NON_FINITE, refusal(intake, new UpdatePayload(1, "a", 0, nan), sum));
        assertEquals(0, sum.count());
    }
}
