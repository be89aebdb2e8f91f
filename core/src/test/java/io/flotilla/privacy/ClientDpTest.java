package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClientDpTest {

    @Test
    void clientNoiseStdPerMode() {
        assertEquals(1.0, ClientDp.clientNoiseStd(ClientNoiseMode.DISTRIBUTED, 2.0, 1.0, 4), 1e-15);
        assertEquals(2.0, ClientDp.clientNoiseStd(ClientNoiseMode.LOCAL, 2.0, 1.0, 4), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ClientDp.clientNoiseStd(ClientNoiseMode.LOCAL, 0, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> ClientDp.clientNoiseStd(ClientNoiseMode.LOCAL, 1, 1, 0));
    }

    @Test
    void clipsThenAddsTheShareExactly() {
        float[] delta = {3, 4};
        double norm = ClientDp.privatizeInPlace(delta, ClientNoiseMode.DISTRIBUTED, 1.0, 2.0, 16,
                new InsecureSeededNoise(8));
        InsecureSeededNoise same = new InsecureSeededNoise(8);
        double std = 2.0 * 1.0 / 4;
        assertEquals(5.0, norm, 0.0);
        assertArrayEquals(new float[] {(float) (0.6f + (float) (std * same.nextGaussian())),
            (float) (0.8f + (float) (std * same.nextGaussian()))}, delta, 1e-6f);
    }

    @Test
    void sumOfMDistributedSharesHasTheCentralNoiseStd() {
        int m = 16;
        int d = 5000;
        double[] sum = new double[d];
        InsecureSeededNoise noise = new InsecureSeededNoise(77);
        for (int client = 0; client < m; client++) {
            float[] delta = new float[d];
            ClientDp.privatizeInPlace(delta, ClientNoiseMode.DISTRIBUTED, 0.5, 1.2, m, noise);
            for (int i = 0; i < d; i++) {
                sum[i] += delta[i];
            }
        }
        for (int i = 0; i < d; i++) {
            sum[i] /= 1.2 * 0.5; // the central std z * S
        }
        GaussianChecks.assertStandardNormal(sum, 4, 1.63);
    }
}
