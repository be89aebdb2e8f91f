package io.flotilla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParameterSetTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(
            TensorSpec.weight("dense1.weight", 2, 3),
            TensorSpec.bias("dense1.bias", 2));

    @Test
    void tensorsAreSlicesOfOneFlatArrayInLayoutOrder() {
        ParameterSet p = ParameterSet.copyOf(LAYOUT, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(8, LAYOUT.totalSize());
        assertEquals(6, LAYOUT.offset("dense1.bias"));
        assertArrayEquals(new float[] {7, 8}, p.tensorValues("dense1.bias"));
        assertEquals(6, p.count(TensorKind.WEIGHT));
        assertEquals(2, p.count(TensorKind.BIAS));
    }

    @Test
    void addScaledAndSubtractMatchElementwiseArithmetic() {
        ParameterSet a = ParameterSet.copyOf(LAYOUT, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        ParameterSet b = ParameterSet.copyOf(LAYOUT, new float[] {8, 7, 6, 5, 4, 3, 2, 1});
        ParameterSet d = a.subtract(b);
        assertArrayEquals(new float[] {-7, -5, -3, -1, 1, 3, 5, 7}, d.values());
        b.addScaledInPlace(0.5f, a);
        assertArrayEquals(new float[] {8.5f, 8, 7.5f, 7, 6.5f, 6, 5.5f, 5}, b.values());
        assertEquals(204.0, a.dot(a), 0.0);
        assertEquals(Math.sqrt(204.0), a.l2Norm(), 1e-12);
    }

    @Test
    void countsNonZeroByKind() {
        ParameterSet p = ParameterSet.copyOf(LAYOUT, new float[] {0, 2, 0, 4, 0, 0, 7, 0});
        assertEquals(3, p.countNonZero());
        assertEquals(2, p.countNonZero(TensorKind.WEIGHT));
        assertEquals(1, p.countNonZero(TensorKind.BIAS));
    }

    @Test
    void mismatchedLayoutsFailNamingTheTensor() {
        ModelLayout other = ModelLayout.of(TensorSpec.weight("dense1.weight", 3, 2), TensorSpec.bias("dense1.bias", 2));
        ParameterSet a = ParameterSet.zeros(LAYOUT);
        ParameterSet b = ParameterSet.zeros(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.addScaledInPlace(1f, b));
        assertTrue(e.getMessage().contains("dense1.weight[2, 3]"), e.getMessage());
    }

    @Test
    void wrongLengthAndDuplicateNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ParameterSet.copyOf(LAYOUT, new float[7]));
        assertThrows(IllegalArgumentException.class,
                () -> ModelLayout.of(TensorSpec.weight("w", 1), TensorSpec.bias("w", 1)));
        assertThrows(IllegalArgumentException.class, () -> TensorSpec.weight("w", 0, 3));
    }

    @Test
    void detectsNonFiniteValues() {
        ParameterSet p = ParameterSet.zeros(LAYOUT);
        assertTrue(p.isFinite());
        p.values()[5] = Float.NaN;
        assertFalse(p.isFinite());
    }
}
