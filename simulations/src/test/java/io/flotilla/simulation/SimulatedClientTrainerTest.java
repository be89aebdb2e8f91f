package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.data.Dataset;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.simulation.faults.AttackKind;
import io.flotilla.simulation.faults.FaultPlan;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedClientTrainerTest {
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");
    private static final int SIZE = SPEC.layout().totalSize();
    private static final long DENSE = GlobalParameters.encodedSize(SIZE);
    /** 0.1 Mbit/s: the dense logreg model (31 kB) takes 2.5 s each way. */
    private static final FaultPlan SLOW_LINK = new FaultPlan(1, 0, 0, 0, 0, 0.1, 0);
    private static final double DEADLINE_SECONDS = 4;

    @Test
    void aCompressedUploadIsTimedAtItsCompressedSize() {
        long topk = VirtualClients.uploadBytes(compressor(0.01, 0), SIZE, DENSE);
        long q8 = VirtualClients.uploadBytes(compressor(0, 8), SIZE, DENSE);
        assertEquals(DENSE, VirtualClients.uploadBytes(null, SIZE, DENSE));
        // 79 entries of a float and a varint index gap; 8-bit codes plus 8 bytes of scale per chunk
        assertTrue(topk > 79 * 4 && topk < 79 * 7 + 32, "top-k upload " + topk);
        assertTrue(q8 > SIZE && q8 < SIZE + 8 * (SIZE / 256 + 1) + 128, "q8 upload " + q8);

        // dense both ways: 5 s of link time misses the 4 s deadline; a top-k upload makes it
        SimulatedClientTrainer dense = trainer(DENSE);
        assertThrows(SimulatedClientTrainer.SimulatedDropout.class,
                () -> dense.train(SPEC.initialize(1), data(), config(), 1));
        ParameterSet trained = trainer(topk).train(SPEC.initialize(1), data(), config(), 1).parameters();
        assertTrue(!trained.contentEquals(SPEC.initialize(1)), "the client trained");
    }

    private static UpdateCompressor compressor(double topk, int bits) {
        return new UpdateCompressor(CompressionConfig.fromSettings("compression", topk, bits, false, 256));
    }

    private static SimulatedClientTrainer trainer(long uploadBytes) {
        return new SimulatedClientTrainer(SimulatedClientTrainer.enginePool(SPEC), 0, SLOW_LINK, AttackKind.NONE, 1,
                DEADLINE_SECONDS, 1e9, DENSE, uploadBytes);
    }

    private static TrainConfig config() {
        return new TrainConfig(1, 4, 0.1f, 0f, 0f, false, TrainConfig.Optimizer.SGD, 0f);
    }

    private static Dataset data() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[8 * 784];
        int[] y = new int[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        return Dataset.of(x, y, new int[] {1, 28, 28}, 10);
    }
}
