package io.flotilla.simulation.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttackKindTest {
    @Test
    void signFlipAndScaleAreExactMultiples() {
        float[] d = {1f, -2f, 0.5f};
        AttackKind.SIGN_FLIP.applyInPlace(d, 2.0, new SplittableRandom(1));
        assertArrayEquals(new float[] {-2f, 4f, -1f}, d);
        AttackKind.SCALE.applyInPlace(d, 10.0, new SplittableRandom(1));
        assertArrayEquals(new float[] {-20f, 40f, -10f}, d);
    }

    @Test
    void noiseReplacesTheUpdateWithTheConfiguredStandardDeviation() {
        float[] d = new float[200_001];
        java.util.Arrays.fill(d, 5f);
        AttackKind.NOISE.applyInPlace(d, 3.0, new SplittableRandom(42));
        double sum = 0;
        double sq = 0;
        for (float v : d) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / d.length;
        double var = sq / d.length - mean * mean;
        assertEquals(0.0, mean, 0.03);
        assertEquals(9.0, var, 0.1);
    }

    @Test
    void labelFlipMirrorsLabelsAndLeavesUpdatesAlone() {
        assertEquals(9, AttackKind.flippedLabel(0, 10));
        assertEquals(0, AttackKind.flippedLabel(9, 10));
        float[] d = {1f, 2f};
        AttackKind.LABEL_FLIP.applyInPlace(d, 10, new SplittableRandom(1));
        assertArrayEquals(new float[] {1f, 2f}, d);
        assertFalse(AttackKind.LABEL_FLIP.altersUpdate());
        assertTrue(AttackKind.SCALE.altersUpdate());
    }

    @Test
    void parsesConfigurationNamesAndRejectsOthers() {
        assertEquals(AttackKind.SIGN_FLIP, AttackKind.parse("sign_flip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttackKind.parse("evil"));
        assertTrue(e.getMessage().contains("unknown attack 'evil'"));
    }
}
