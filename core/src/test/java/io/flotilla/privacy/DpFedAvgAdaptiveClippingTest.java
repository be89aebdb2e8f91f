package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.aggregation.FedAvg;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpFedAvgAdaptiveClippingTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 2));

    private static DpFedAvgAdaptiveClipping strategy(double clip, long seed) {
        DpFedAvgConfig config = DpFedAvgConfig.withoutBudget(1.0, clip, 4, 40, 1e-5);
        return new DpFedAvgAdaptiveClipping(new FedAvg(), config, new AdaptiveClippingConfig(0.5, 0.2, 1.0),
                new InsecureSeededNoise(seed));
    }

    private static void round(DpFedAvgAdaptiveClipping dp, int round, float[]... deltas) {
        UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
        for (float[] d : deltas) {
            acc.add(d, 1);
        }
        dp.aggregateFit(round, ParameterSet.zeros(LAYOUT), acc);
    }

    @Test
    void oneRoundExactly() {
        DpFedAvgAdaptiveClipping dp = strategy(1.0, 3);
        UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
        acc.add(new float[] {3, 4}, 1); // clipped
        acc.add(new float[] {0.1f, 0}, 1); // unclipped
        acc.add(new float[] {0, 0.2f}, 1); // unclipped
        float[] out = dp.aggregateFit(1, ParameterSet.zeros(LAYOUT), acc).orElseThrow().values();

        InsecureSeededNoise same = new InsecureSeededNoise(3);
        double zd = AdaptiveClipping.deltaNoiseMultiplier(1.0, 1.0);
        double g0 = same.nextGaussian();
        double g1 = same.nextGaussian();
        double gb = same.nextGaussian();
        assertArrayEquals(new float[] {(float) ((0.6 + 0.1f + zd * g0) / 4), (float) ((0.8 + 0.2f + zd * g1) / 4)},
                out, 1e-6f);
        double b = Math.min(1, Math.max(0, (2 - 1.5 + 1.0 * gb) / 4 + 0.5));
        assertEquals(Math.exp(-0.2 * (b - 0.5)), dp.currentClipNorm(), 1e-12);
        assertEquals(1.0, dp.ledger().rounds().get(0).noiseMultiplier(), "charged at the total multiplier z");
    }

    @Test
    void clipNormShrinksWhenEveryDeltaIsSmallAndGrowsWhenEveryDeltaIsLarge() {
        DpFedAvgAdaptiveClipping shrinking = strategy(1.0, 9);
        DpFedAvgAdaptiveClipping growing = strategy(1.0, 9);
        for (int r = 1; r <= 30; r++) {
            round(shrinking, r, new float[] {0.01f, 0}, new float[] {0, 0.01f}, new float[] {0.01f, 0.01f},
                    new float[] {0, 0});
            round(growing, r, new float[] {300, 0}, new float[] {0, 300}, new float[] {300, 300},
                    new float[] {200, 0});
        }
        // noise-free drift is exp(-0.1) per round; the count noise (sigma_b / m = 0.25) only perturbs it
        assertTrue(shrinking.currentClipNorm() < 0.2, "shrinking " + shrinking.currentClipNorm());
        assertTrue(growing.currentClipNorm() > 5, "growing " + growing.currentClipNorm());
    }

    @Test
    void clipNormSurvivesACheckpoint() {
        DpFedAvgAdaptiveClipping dp = strategy(1.0, 4);
        round(dp, 1, new float[] {0.01f, 0});
        Map<String, float[]> state = dp.state();
        DpFedAvgAdaptiveClipping restored = strategy(1.0, 4);
        restored.restoreState(state);
        assertEquals((float) dp.currentClipNorm(), (float) restored.currentClipNorm());
        assertEquals("dp-adaptive-fedavg", dp.name());
        assertTrue(dp.deltaNoiseMultiplier() > 1.0);
    }
}
