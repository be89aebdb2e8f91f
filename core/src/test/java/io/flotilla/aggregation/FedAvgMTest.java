package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.model.ParameterSet;
import org.junit.jupiter.api.Test;

class FedAvgMTest {

    @Test
    void velocityAccumulatesTheMeanDeltaWithMomentum() {
        FedAvgM s = new FedAvgM(1f, 0.5f);
        // round 1: v = [1, -2] (zero start), global = [1, -2]
        float[] g1 = Fixtures.round(s, 1, params(0f, 0f), new float[] {1, -2});
        assertArrayEquals(new float[] {1f, -2f}, g1);
        // round 2: v = 0.5 * [1, -2] + [1, 0] = [1.5, -1], global = [2.5, -3]
        float[] g2 = Fixtures.round(s, 2, params(g1), new float[] {1, 0});
        assertArrayEquals(new float[] {2.5f, -3f}, g2);
        assertArrayEquals(new float[] {1.5f, -1f}, s.state().get("velocity"));
    }

    @Test
    void serverLearningRateScalesTheStep() {
        float[] g = Fixtures.round(new FedAvgM(2f, 0.9f), 1, params(1f), new long[] {1, 1}, new float[] {1},
                new float[] {3});
        assertArrayEquals(new float[] {5f}, g); // 1 + 2 * mean(1, 3)
    }

    @Test
    void zeroMomentumAndUnitRateIsFedAvg() {
        ParameterSet global = params(0.3f, -1.7f);
        float[] a = Fixtures.round(new FedAvgM(1f, 0f), 1, global, new long[] {2, 5}, new float[] {0.1f, 0.2f},
                new float[] {-0.4f, 0.9f});
        float[] b = Fixtures.round(new FedAvg(), 1, global, new long[] {2, 5}, new float[] {0.1f, 0.2f},
                new float[] {-0.4f, 0.9f});
        assertArrayEquals(b, a);
    }

    @Test
    void invalidHyperparametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FedAvgM(0f, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new FedAvgM(1f, 1f));
        assertThrows(IllegalArgumentException.class, () -> new FedAvgM(1f, -0.1f));
    }
}
