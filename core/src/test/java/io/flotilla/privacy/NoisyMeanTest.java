package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.flotilla.aggregation.FedAvg;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import org.junit.jupiter.api.Test;

class NoisyMeanTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("w", 3));

    @Test
    void dividesTheNoisedSumByTheDenominatorAndLetsTheInnerStrategyApplyIt() {
        ParameterSet global = ParameterSet.copyOf(LAYOUT, new float[] {1, 1, 1});
        float[] out = NoisyMean.aggregate(new FedAvg(), 1, global, new double[] {2, 4, 6}, 0.0, 4, null)
                .orElseThrow().values();
        assertArrayEquals(new float[] {1.5f, 2f, 2.5f}, out);
        InsecureSeededNoise same = new InsecureSeededNoise(9);
        float[] noised = NoisyMean.aggregate(new FedAvg(), 1, global, new double[] {2, 4, 6}, 2.0, 4,
                new InsecureSeededNoise(9)).orElseThrow().values();
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = 1 + (float) ((2 * (i + 1) + 2.0 * same.nextGaussian()) / 4);
        }
        assertArrayEquals(expected, noised, 1e-6f);
    }
}
