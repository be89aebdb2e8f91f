package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClippedSumTest {

    @Test
    void clipsEachDeltaBeforeSummingAndCountsTheUnclipped() {
        ClippedSum sum = new ClippedSum(2, 1.0);
        float[] big = {3, 4};
        sum.add(big, 1);
        sum.add(new float[] {0.3f, 0}, 1);
        assertArrayEquals(new double[] {0.6 + 0.3f, 0.8}, sum.sum(), 1e-7);
        assertEquals(2, sum.count());
        assertEquals(1, sum.unclippedCount());
        assertArrayEquals(new float[] {3, 4}, big, "the caller's delta is not modified");
    }

    @Test
    void weightsAreRecordedButDoNotWeightTheSum() {
        ClippedSum a = new ClippedSum(2, 10.0);
        ClippedSum b = new ClippedSum(2, 10.0);
        a.add(new float[] {1, 2}, 1);
        a.add(new float[] {3, 1}, 1);
        b.add(new float[] {1, 2}, 5000);
        b.add(new float[] {3, 1}, 7);
        assertArrayEquals(a.sum(), b.sum(), 0.0);
        assertEquals(5007, b.totalWeight());
    }

    @Test
    void unclippedSumKeepsDeltasAsTheyAre() {
        ClippedSum sum = ClippedSum.unclipped(2);
        sum.add(new float[] {300, 400}, 1);
        assertArrayEquals(new double[] {300, 400}, sum.sum(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, sum.clipNorm());
    }

    @Test
    void badInputIsRejected() {
        ClippedSum sum = new ClippedSum(2, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sum.add(new float[3], 1));
        assertEquals("delta has 3 values, expected 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sum.add(new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> sum.add(new float[] {Float.NaN, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClippedSum(2, 0));
        assertEquals(0, sum.count());
    }

    @Test
    void anUnclippedSumTakesASecureAggregationSumButAClippingOneRefuses() {
        ClippedSum sum = ClippedSum.unclipped(2);
        sum.addSum(new float[] {3f, -1f}, 3, 3);
        assertEquals(3, sum.count());
        assertEquals(3, sum.unclippedCount());
        assertArrayEquals(new double[] {3.0, -1.0}, sum.sum());
        assertThrows(UnsupportedOperationException.class, () -> new ClippedSum(2, 1.0).addSum(new float[2], 1, 1));
    }
}
