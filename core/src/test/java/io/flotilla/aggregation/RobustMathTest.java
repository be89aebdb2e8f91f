package io.flotilla.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustMathTest {

    @Test
    void medianOfOddAndEvenCounts() {
        float[][] u = {{1, 5, -1}, {2, 0, -3}, {100, 1, 7}, {3, 2, 0}};
        float[] out = new float[3];
        RobustMath.medianInto(u, 3, new float[3], out);
        assertArrayEquals(new float[] {2, 1, -1}, out);
        RobustMath.medianInto(u, 4, new float[4], out);
        assertArrayEquals(new float[] {2.5f, 1.5f, -0.5f}, out);
    }

    @Test
    void medianMatchesASortingReference() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 20;
        int size = 257;
        float[][] u = new float[n][size];
        for (float[] row : u) {
            for (int c = 0; c < size; c++) {
                row[c] = (float) rng.nextGaussian();
            }
        }
        for (int count : new int[] {1, 2, 19, 20}) {
            float[] out = new float[size];
            RobustMath.medianInto(u, count, new float[count], out);
            for (int c = 0; c < size; c++) {
                float[] col = new float[count];
                for (int i = 0; i < count; i++) {
                    col[i] = u[i][c];
                }
                Arrays.sort(col);
                float expected = count % 2 == 1 ? col[count / 2]
                        : (float) (((double) col[count / 2 - 1] + col[count / 2]) / 2);
                assertEquals(expected, out[c], "coordinate " + c + " of " + count);
            }
        }
    }

    @Test
    void trimmedMeanDropsExtremesOnBothSides() {
        float[][] u = {{1, -50}, {100, 2}, {2, 3}, {4, 4}, {3, 60}};
        float[] out = new float[2];
        RobustMath.trimmedMeanInto(u, 5, 1, new float[5], out);
        assertArrayEquals(new float[] {3f, 3f}, out); // (2 + 3 + 4) / 3 each
        RobustMath.trimmedMeanInto(u, 5, 0, new float[5], out);
        assertArrayEquals(new float[] {22f, 3.8f}, out, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> RobustMath.trimmedMeanInto(u, 4, 2, new float[4], out));
    }

    @Test
    void squaredDistancesAreSymmetricWithZeroDiagonal() {
        float[][] u = {{0, 0}, {3, 4}, {-1, 1}};
        double[] d = new double[9];
        RobustMath.squaredDistancesInto(u, 3, d);
        assertArrayEquals(new double[] {0, 25, 2, 25, 0, 25, 2, 25, 0}, d);
    }

    @Test
    void squaredDistancesSpanTiles() {
        int size = 5000;
        float[][] u = new float[2][size];
        Arrays.fill(u[1], 0.5f);
        double[] d = new double[4];
        RobustMath.squaredDistancesInto(u, 2, d);
        assertEquals(size * 0.25, d[1], 0.0);
    }

    @Test
    void krumScoresSumTheNearestNMinusFMinusTwo() {
        // 1-D points 0, 1, 2, 4, 5, 100 with f = 1: each score sums the 3 smallest squared distances
        float[][] u = {{0}, {1}, {2}, {4}, {5}, {100}};
        double[] d = new double[36];
        RobustMath.squaredDistancesInto(u, 6, d);
        double[] scores = new double[6];
        RobustMath.krumScoresInto(d, 6, 1, scores);
        assertArrayEquals(new double[] {21, 11, 9, 14, 26, 95.0 * 95 + 96 * 96 + 98 * 98}, scores);
        assertArrayEquals(new int[] {2, 1, 3}, RobustMath.lowestScores(scores, 6, 3));
    }

    @Test
    void lowestScoresBreaksTiesByIndex() {
        assertArrayEquals(new int[] {1, 3, 0}, RobustMath.lowestScores(new double[] {2, 1, 5, 1}, 4, 3));
    }
}
