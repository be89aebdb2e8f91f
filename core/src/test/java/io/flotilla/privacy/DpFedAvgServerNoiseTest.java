package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.aggregation.FedAvg;
import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DpFedAvgServerNoiseTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 2));

    @Test
    void clipsEachDeltaAddsNoiseOfStdZsToTheSumAndDividesByExpectedCohort() {
        DpFedAvgConfig config = DpFedAvgConfig.withoutBudget(0.5, 1.0, 4, 100, 1e-5);
        DpFedAvgServerNoise dp = new DpFedAvgServerNoise(new FedAvg(), config, new InsecureSeededNoise(11));
        ParameterSet global = ParameterSet.copyOf(LAYOUT, new float[] {10, 20});
        UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
        acc.add(new float[] {3, 4}, 100); // norm 5 -> clipped to (0.6, 0.8)
        acc.add(new float[] {0.3f, 0}, 1); // within the norm
        ParameterSet next = dp.aggregateFit(1, global, acc).orElseThrow();

        InsecureSeededNoise same = new InsecureSeededNoise(11);
        double g0 = same.nextGaussian();
        double g1 = same.nextGaussian();
        float m0 = (float) ((0.6 + 0.3f + 0.5 * g0) / 4);
        float m1 = (float) ((0.8 + 0.5 * g1) / 4);
        assertArrayEquals(new float[] {10 + m0, 20 + m1}, next.values(), 1e-5f);
        assertArrayEquals(new float[] {10, 20}, global.values(), "global is not modified");
    }

    @Test
    void noiseOnTheMeanHasStdZsOverM() {
        ModelLayout wide = ModelLayout.of(TensorSpec.weight("w", 4000));
        DpFedAvgConfig config = DpFedAvgConfig.withoutBudget(1.5, 2.0, 10, 1000, 1e-5);
        DpFedAvgServerNoise dp = new DpFedAvgServerNoise(new FedAvg(), config, new InsecureSeededNoise(5));
        UpdateAccumulator acc = dp.newAccumulator(wide);
        acc.add(new float[4000], 1);
        float[] out = dp.aggregateFit(1, ParameterSet.zeros(wide), acc).orElseThrow().values();
        double[] scaled = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            scaled[i] = out[i] / (1.5 * 2.0 / 10);
        }
        GaussianChecks.assertStandardNormal(scaled, 4, 1.63);
    }

    @Test
    void eachReleasedRoundIsChargedAtCohortOverPopulation() {
        DpFedAvgConfig config = DpFedAvgConfig.withoutBudget(1.0, 1.0, 20, 100, 1e-5);
        DpFedAvgServerNoise dp = new DpFedAvgServerNoise(new FedAvg(), config, new InsecureSeededNoise(1));
        for (int round = 1; round <= 3; round++) {
            UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
            acc.add(new float[] {1, 1}, 1);
            dp.aggregateFit(round, ParameterSet.zeros(LAYOUT), acc);
        }
        double expected = new RdpAccountant().composePoissonGaussian(0.2, 1.0, 3).epsilon(1e-5).epsilon();
        assertEquals(expected, dp.ledger().spent().epsilon(), 0.0);
        assertEquals(3, dp.ledger().rounds().size());
        assertEquals(0.2, dp.ledger().rounds().get(0).samplingRate(), 1e-15);
    }

    @Test
    void anEmptyRoundKeepsTheModelAndCostsNothing() {
        DpFedAvgServerNoise dp = new DpFedAvgServerNoise(new FedAvg(),
                DpFedAvgConfig.withoutBudget(1.0, 1.0, 20, 100, 1e-5), new InsecureSeededNoise(1));
        assertEquals(Optional.empty(), dp.aggregateFit(1, ParameterSet.zeros(LAYOUT), dp.newAccumulator(LAYOUT)));
        assertEquals(0, dp.ledger().rounds().size());
    }

    @Test
    void budgetStopsBeforeTheRoundThatWouldExceedIt() {
        double target = new RdpAccountant().composePoissonGaussian(0.2, 1.0, 4).epsilon(1e-5).epsilon() + 1e-9;
        DpFedAvgServerNoise dp = new DpFedAvgServerNoise(new FedAvg(),
                new DpFedAvgConfig(1.0, 1.0, 20, 100, 1e-5, target), new InsecureSeededNoise(1));
        int released = 0;
        while (!dp.nextRoundWouldExceedBudget()) {
            UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
            acc.add(new float[] {1, 0}, 1);
            dp.aggregateFit(++released, ParameterSet.zeros(LAYOUT), acc);
        }
        assertEquals(4, released);
        assertTrue(dp.ledger().spent().epsilon() <= target);
    }

    @Test
    void withoutBudgetNeverStops() {
        DpFedAvgServerNoise dp = new DpFedAvgServerNoise(new FedAvg(),
                DpFedAvgConfig.withoutBudget(0.1, 1.0, 20, 100, 1e-5), new InsecureSeededNoise(1));
        assertFalse(dp.nextRoundWouldExceedBudget());
        assertEquals("dp-fixed-fedavg", dp.name());
        assertEquals(1.0, dp.currentClipNorm());
    }

    @Test
    void refusesStrategiesThatNeedIndividualUpdates() {
        // no robust strategy exists in this module yet: a minimal one that declares it buffers updates
        Strategy robust = new Strategy() {
            @Override
            public String name() {
                return "median";
            }

            @Override
            public UpdateAccumulator newAccumulator(ModelLayout layout) {
                return new ClippedSum(layout.totalSize(), 1.0);
            }

            @Override
            public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
                return Optional.empty();
            }

            @Override
            public boolean requiresIndividualUpdates() {
                return true;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DpFedAvgServerNoise(
                robust, DpFedAvgConfig.withoutBudget(1, 1, 1, 1, 1e-5), new InsecureSeededNoise(1)));
        assertTrue(e.getMessage().contains("median"));
    }
}
