package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.aggregation.FedAvg;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import org.junit.jupiter.api.Test;

class DpFedAvgClientNoiseTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 2));
    private static final DpFedAvgConfig CONFIG = DpFedAvgConfig.withoutBudget(1.0, 1.0, 10, 100, 1e-5);

    @Test
    void coordinatorSumsWithoutNoiseAndDividesByExpectedCohort() {
        DpFedAvgClientNoise dp = new DpFedAvgClientNoise(new FedAvg(), CONFIG, ClientNoiseMode.DISTRIBUTED);
        UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
        acc.add(new float[] {1, 2}, 3);
        acc.add(new float[] {3, 4}, 9);
        float[] out = dp.aggregateFit(1, ParameterSet.copyOf(LAYOUT, new float[] {1, 1}), acc).orElseThrow()
                .values();
        assertArrayEquals(new float[] {1 + 0.4f, 1 + 0.6f}, out, 1e-6f);
    }

    @Test
    void dropoutsAreChargedTheSmallerEffectiveNoise() {
        DpFedAvgClientNoise dp = new DpFedAvgClientNoise(new FedAvg(), CONFIG, ClientNoiseMode.DISTRIBUTED);
        UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
        for (int i = 0; i < 5; i++) {
            acc.add(new float[] {1, 0}, 1);
        }
        dp.aggregateFit(1, ParameterSet.zeros(LAYOUT), acc);
        RoundPrivacy r = dp.ledger().rounds().get(0);
        assertEquals(Math.sqrt(0.5), r.noiseMultiplier(), 1e-15);
        assertEquals(0.1, r.samplingRate(), 1e-15);
        assertEquals(1.0, dp.accountedNoiseMultiplier(12));
    }

    @Test
    void secureSumPathMatchesTheIndividualPathAndIsChargedByContributors() {
        DpFedAvgClientNoise individual = new DpFedAvgClientNoise(new FedAvg(), CONFIG, ClientNoiseMode.DISTRIBUTED);
        DpFedAvgClientNoise secure = new DpFedAvgClientNoise(new FedAvg(), CONFIG, ClientNoiseMode.DISTRIBUTED);
        UpdateAccumulator acc = individual.newAccumulator(LAYOUT);
        acc.add(new float[] {1, 2}, 1);
        acc.add(new float[] {3, 4}, 1);
        ParameterSet global = ParameterSet.copyOf(LAYOUT, new float[] {1, 1});
        float[] a = individual.aggregateFit(1, global, acc).orElseThrow().values();
        // Secure aggregation hands the round loop only the unmasked sum of the two noised deltas.
        UpdateAccumulator summed = secure.newAccumulator(LAYOUT);
        summed.addSum(new float[] {4, 6}, 2, 2);
        float[] b = secure.aggregateFit(1, global, summed).orElseThrow().values();
        assertArrayEquals(a, b);
        assertEquals(individual.ledger().rounds(), secure.ledger().rounds());
        assertEquals(Math.sqrt(0.2), secure.ledger().rounds().get(0).noiseMultiplier(), 1e-15);
        assertTrue(secure.aggregateFit(2, global, secure.newAccumulator(LAYOUT)).isEmpty());
    }

    @Test
    void localDpIsChargedWithoutSamplingAmplification() {
        DpFedAvgClientNoise dp = new DpFedAvgClientNoise(new FedAvg(), CONFIG, ClientNoiseMode.LOCAL);
        for (int round = 1; round <= 3; round++) {
            UpdateAccumulator acc = dp.newAccumulator(LAYOUT);
            acc.add(new float[] {1, 0}, 1);
            dp.aggregateFit(round, ParameterSet.zeros(LAYOUT), acc);
        }
        double expected = new RdpAccountant().composeGaussian(1.0, 3).epsilon(1e-5).epsilon();
        assertEquals(expected, dp.ledger().spent().epsilon(), 0.0);
        assertEquals("dp-local-fedavg", dp.name());
    }

    @Test
    void budgetCheckUsesTheModesSamplingRate() {
        double target = new RdpAccountant().composeGaussian(1.0, 2).epsilon(1e-5).epsilon() + 1e-9;
        DpFedAvgClientNoise local = new DpFedAvgClientNoise(new FedAvg(),
                new DpFedAvgConfig(1.0, 1.0, 10, 100, 1e-5, target), ClientNoiseMode.LOCAL);
        int released = 0;
        while (!local.nextRoundWouldExceedBudget()) {
            UpdateAccumulator acc = local.newAccumulator(LAYOUT);
            acc.add(new float[] {1, 0}, 1);
            local.aggregateFit(++released, ParameterSet.zeros(LAYOUT), acc);
        }
        assertEquals(2, released);
        DpFedAvgClientNoise distributed = new DpFedAvgClientNoise(new FedAvg(),
                new DpFedAvgConfig(1.0, 1.0, 10, 100, 1e-5, target), ClientNoiseMode.DISTRIBUTED);
        assertFalse(distributed.nextRoundWouldExceedBudget());
        assertTrue(local.ledger().spent().epsilon() <= target);
    }
}
