package io.flotilla.aggregation;

import static io.flotilla.aggregation.Fixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import org.junit.jupiter.api.Test;

class FedProxTest {

    @Test
    void carriesMuIntoEveryRoundsTrainConfigAndKeepsTheRest() {
        TrainConfig base = TrainConfig.defaults().withLearningRate(0.05f).withEpochs(3);
        TrainConfig fit = new FedProx(0.01f).configureFit(7, base);
        assertEquals(0.01f, fit.proximalMu());
        assertEquals(base.withProximalMu(0.01f), fit);
    }

    @Test
    void serverSideIsFedAvg() {
        ParameterSet global = params(1f, 2f);
        float[] prox = Fixtures.round(new FedProx(0.5f), 1, global, new long[] {1, 3}, new float[] {1, 2},
                new float[] {3, 6});
        assertArrayEquals(new float[] {3.5f, 7f}, prox);
    }

    @Test
    void negativeOrNonFiniteMuIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FedProx(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> new FedProx(Float.POSITIVE_INFINITY));
    }
}
